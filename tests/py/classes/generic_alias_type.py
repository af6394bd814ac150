# Subscripting built-in classes gives types.GenericAlias; `type` itself is special-cased (it has
# no __class_getitem__), its subclasses are not subscriptable.
t = type[int]
print(t, t.__origin__, t.__args__, t == type[int], hash(t) == hash(type[int]))
print(type[int | str], list[type[int]], dict[str, type])
print("__class_getitem__" in type.__dict__, "__class_getitem__" in list.__dict__)


class Meta(type):
    pass


try:
    Meta[int]
except TypeError as e:
    print("TypeError:", e)


class WithHook:
    def __class_getitem__(cls, item):
        return (cls.__name__, item)


print(WithHook[int], WithHook[1, 2])
try:
    int[str]
except TypeError as e:
    print("TypeError:", e)


def f(x: type[int], y: tuple[type, ...]) -> list[type[str]]:
    pass


print(f.__annotations__)
