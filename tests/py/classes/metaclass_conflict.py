# The most derived metaclass makes the class, through a class statement and through type(); two
# unrelated metaclasses conflict with CPython's TypeError either way.
class MA(type):
    pass


class MB(type):
    pass


class MC(MA):
    pass


class A(metaclass=MA):
    pass


class B(metaclass=MB):
    pass


class C(metaclass=MC):
    pass


class D(A, C):  # MC derives from MA: MC wins
    pass


print(type(D).__name__, type(type("E", (A, C), {})).__name__, type(type("F", (C,), {})).__name__)
for make in (lambda: type("G", (A, B), {}), lambda: MA("H", (B,), {})):
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)
try:
    class I(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)
