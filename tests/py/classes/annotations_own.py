# A class's __annotations__ is its own (an empty dict made on first use, never a base's); built-in
# types have none; a module's is made on first use too.
import sys
class A:
    attr: int
class B(A):
    pass
class C(A):
    x: str
print(A.__annotations__, B.__annotations__, C.__annotations__, "__annotations__" in B.__dict__)
b = B.__annotations__
print(b is B.__annotations__)
for t in (int, object, type):
    try:
        print(t.__annotations__)
    except AttributeError as e:
        print("AttributeError:", e)
B.__annotations__ = {"y": 1}
print(B.__annotations__)
del B.__annotations__
print(B.__annotations__)
import math
print(math.__annotations__, "__annotations__" in math.__dict__)
print(A().__annotations__ if hasattr(A(), "__annotations__") else "no")
mod = sys.modules[__name__]
print(mod.__annotations__)
class M(type):
    pass
class D(metaclass=M):
    z: float
print(D.__annotations__)
