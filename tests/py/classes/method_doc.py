# A bound method's __doc__ is its function's (None without a docstring), never object's.
class A:
    def f(self):
        pass

    def g(self):
        "g's doc"

    @classmethod
    def c(cls):
        pass


class B(A):
    "B's doc"


for m in (A().f, A().g, A.c, B().f, B().g, B.c):
    print(m.__name__, repr(m.__doc__))
print(A.f.__doc__, A.__doc__, B.__doc__)
