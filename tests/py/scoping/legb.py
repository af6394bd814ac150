x = 'global'
def outer():
    x = 'enclosing'
    def inner():
        return x
    return inner()
print(outer())
def uses_builtin():
    return len('abc')
print(uses_builtin())
def shadow_builtin():
    len = lambda s: 'shadowed'
    return len('abc')
print(shadow_builtin(), len('abc'))
def local_first():
    x = 'local'
    return x
print(local_first(), x)
class C:
    x = 'class'
    def m(self):
        return x
    y = x + '!'
print(C().m(), C.y)
