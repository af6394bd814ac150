o = object()
print(type(o).__name__, isinstance(o, object), o == o, o != object())
try:
    o.attr = 1
except AttributeError as e:
    print('AttributeError', e)
class A:
    def f(self):
        return 'A'
class B(A):
    def f(self):
        return 'B' + super().f()
    def g(self):
        return super(B, self).f()
print(B().f(), B().g())
print(str(object()).startswith('<object object at'))
