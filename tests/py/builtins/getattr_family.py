class C:
    cls_attr = 'class'
    def method(self):
        return 'method result'
o = C()
print(getattr(o, 'cls_attr'), getattr(o, 'missing', 'dflt'), getattr(o, 'method')())
setattr(o, 'x', 42)
print(o.x, hasattr(o, 'x'), hasattr(o, 'y'), hasattr(C, 'method'))
delattr(o, 'x')
print(hasattr(o, 'x'))
try:
    delattr(o, 'x')
except AttributeError as e:
    print('AttributeError', e)
print(getattr('abc', 'upper')(), getattr([], 'append') is not None, hasattr(5, 'real'))
print(callable(o), callable(C), callable(o.method), callable(len), callable('x'), callable(None))
try:
    getattr(o, 5)
except TypeError as e:
    print('TypeError', e)
