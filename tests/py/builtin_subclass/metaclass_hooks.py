# Metaclasses and class-creation hooks: __prepare__, __init_subclass__, __set_name__ (over a
# snapshot of the namespace), __class_getitem__, __mro_entries__, __instancecheck__ /
# __subclasscheck__, type subclasses with state.

class OrderedMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, sorted(kw))
        return {"injected": 1}

    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, ns)
        cls.fields = [k for k in ns if not k.startswith("__")]
        return cls

    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
        cls.kw = kw

    def __call__(cls, *args):
        inst = super().__call__(*args)
        inst.made_by_meta = True
        return inst

    def __len__(cls):
        return len(cls.fields)

    def __repr__(cls):
        return f"<OM {cls.__name__}>"


class Point(metaclass=OrderedMeta, flavour="x"):
    y = 2
    x = 1

    def __init__(self, a=0):
        self.a = a


p = Point(5)
print(Point.fields, Point.injected, Point.kw, len(Point), repr(Point), p.a, p.made_by_meta)
print(type(Point) is OrderedMeta, isinstance(Point, type), OrderedMeta.__mro__[1] is type)


class Base:
    registry = []

    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        Base.registry.append(cls.__name__)


class A(Base, tag="a"):
    pass


class B(A):
    pass


print(Base.registry, A.tag, B.tag)


class Named:
    def __set_name__(self, owner, name):
        self.owner = owner.__name__
        self.name = name
        owner.extra_attr = name  # adding to the class while names are set is allowed

    def __get__(self, obj, objtype=None):
        return self if obj is None else f"{self.name}@{type(obj).__name__}"


class Holder:
    first = Named()
    second = Named()


print(Holder.first.name, Holder.second.owner, Holder().second, Holder.extra_attr)


class Box:
    def __class_getitem__(cls, item):
        return f"Box[{item.__name__ if isinstance(item, type) else item}]"


print(Box[int], Box["x"])


class Fake:
    def __mro_entries__(self, bases):
        return (Base,)


class FromFake(Fake()):
    pass


print(FromFake.__bases__, [type(b).__name__ for b in FromFake.__orig_bases__])


class EvenMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, int) and obj % 2 == 0

    def __subclasscheck__(cls, sub):
        return sub is bool


class Even(metaclass=EvenMeta):
    pass


print(isinstance(4, Even), isinstance(3, Even), issubclass(bool, Even), issubclass(int, Even))


# Descriptor precedence: data descriptor > instance dict > non-data descriptor.
class Data:
    def __get__(self, obj, objtype=None):
        return "data"

    def __set__(self, obj, value):
        obj.__dict__["d"] = ("set", value)


class NonData:
    def __get__(self, obj, objtype=None):
        return "nondata"


class C:
    d = Data()
    n = NonData()


c = C()
c.d = 1
c.__dict__["n"] = "instance"
print(c.d, c.__dict__["d"], c.n, C.n)


class Lazy:
    def __getattr__(self, name):
        if name.startswith("z"):
            return name.upper()
        raise AttributeError(name)

    def __getattribute__(self, name):
        if name == "secret":
            return 42
        return super().__getattribute__(name)


lz = Lazy()
lz.real = 1
print(lz.secret, lz.zed, lz.real, hasattr(lz, "nope"))


class X:
    def who(self):
        return "X"


class Y:
    def who(self):
        return "Y"


o = X()
o.__class__ = Y
print(o.who(), type(o).__name__)
try:
    (1).__class__ = Y
except TypeError as e:
    print("TypeError", e)

print(type("Dyn", (Base,), {"v": 3}).v, Base.registry[-1])
print(A.__qualname__, Point.__module__, type(A.__dict__).__name__)
