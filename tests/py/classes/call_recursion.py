# An instance whose class's __call__ is another such instance: calling it recurses without a
# Python frame in between, and must stop with RecursionError (CPython's SF bug 532646).
class A:
    pass


A.__call__ = A()
a = A()
try:
    a()
except RecursionError as e:
    print("RecursionError:", e)


class B:
    def __call__(self, x):
        return x * 2


print(B()(21))
