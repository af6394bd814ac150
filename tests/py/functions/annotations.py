# Function annotations: evaluated at definition time in the defining scope, stored in
# __annotations__ in CPython's order (positional, positional-only, *args, keyword-only,
# **kwargs, return); lambdas have none; names are mangled in classes.
order = []


def note(x):
    order.append(x)
    return x


def f(a: note("a"), b: note("b") = note("b-default"), *c: note("c"), d: note("d") = 1, **e: note("e")) -> note("ret"):
    pass


print(f.__annotations__)
print(order)


def posonly(a: 1, b: 2, /, c: 3, *, d: 4):
    pass


print(list(posonly.__annotations__.items()))
print((lambda x, y=1: x).__annotations__)


def plain(x, y):
    pass


print(plain.__annotations__, plain.__dict__)
print("__annotations__" in dir(plain))


def outer():
    T = list

    class Box:
        def put(self, item: T, __private: int) -> "Box":
            pass

    return Box


print(outer().put.__annotations__)


# Assigning and deleting
def g(x: int) -> str:
    pass


a = g.__annotations__
print(a is g.__annotations__, a)
g.__annotations__ = {"y": float}
print(g.__annotations__)
g.__annotations__ = None
print(g.__annotations__)
del g.__annotations__
print(g.__annotations__, g.__dict__)
try:
    g.__annotations__ = [1]
except TypeError as e:
    print("TypeError:", e)


# Evaluation errors come at definition time
try:
    def h(x: undefined_name):
        pass
except NameError as e:
    print("NameError:", e)


# *args annotated with a starred expression (PEP 646 syntax): the one value of [*it]
def star(*args: *[tuple]):
    pass


print(star.__annotations__)

# Module and class variables, for comparison
x: int = 1
y: "text"


class C:
    z: list
    w: dict = {}


print(__annotations__, C.__annotations__)
