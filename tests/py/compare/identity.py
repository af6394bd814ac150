a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a is not c, a == c)
print(None is None, None is not None, type(None).__name__)
x = None
print(x is None, x == None, not x)
print(True is True, (1 == 1) is True)
class A: pass
o1, o2 = A(), A()
print(o1 is o1, o1 is o2, o1 == o1, o1 == o2, o1 != o2)
print(id(o1) == id(o1), id(o1) == id(o2))
t = ()
print(type(t) is tuple, t == ())
print(int is int, type(3) is int, type(3.0) is not int)
