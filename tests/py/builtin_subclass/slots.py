# __slots__: declared attributes only, no __dict__ (unless listed), inheritance.

class P:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = P(1, 2)
print(p.x, p.y)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError", e)
print(hasattr(p, "__dict__"))
del p.x
try:
    p.x
except AttributeError as e:
    print("AttributeError", e)


class Q(P):
    __slots__ = ("z",)


q = Q(1, 2)
q.z = 3
print(q.x, q.y, q.z, hasattr(q, "__dict__"))


class R(P):
    pass


r = R(1, 2)
r.w = 9
print(r.w, r.__dict__)


class S:
    __slots__ = ("a", "__dict__")


s = S()
s.a = 1
s.b = 2
print(s.a, s.b, s.__dict__)


class One:
    __slots__ = "only"


o = One()
o.only = 5
print(o.only, type(One.__dict__["only"]).__name__ if "only" in One.__dict__ else "missing")
