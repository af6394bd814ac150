# Subclasses of classmethod, staticmethod and property (abc.abstractclassmethod and friends).

class abstractclassmethod(classmethod):
    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)


class tagged_static(staticmethod):
    def __init__(self, f, tag="t"):
        super().__init__(f)
        self.tag = tag


class logged_property(property):
    log = []

    def __get__(self, obj, objtype=None):
        logged_property.log.append("get")
        return super().__get__(obj, objtype)


class plain_property(property):
    pass


class A:
    @abstractclassmethod
    def make(cls, x):
        return (cls.__name__, x)

    @tagged_static
    def add(a, b):
        return a + b

    @logged_property
    def value(self):
        return 42

    @plain_property
    def twice(self):
        return self._v * 2

    @twice.setter
    def twice(self, v):
        self._v = v


class B(A):
    pass


print(A.make(1), B.make(2), B().make(3))
print(A.add(2, 3), A().add(4, 5))
print(type(A.__dict__["add"]).__name__, A.__dict__["add"].tag)
print(A.__dict__["make"].__isabstractmethod__, A.__dict__["make"].__func__.__isabstractmethod__)
print(isinstance(A.__dict__["make"], classmethod), isinstance(A.__dict__["add"], staticmethod))
a = A()
print(a.value, a.value, logged_property.log)
print(type(A.__dict__["twice"]).__name__)
a.twice = 5
print(a.twice, a._v)
print(A.__dict__["value"].__isabstractmethod__, A.__dict__["twice"].fget.__name__)

cm = classmethod.__new__(abstractclassmethod)
print(type(cm).__name__)


class P(property):
    def __init__(self, fget, extra):
        super().__init__(fget)
        self.extra = extra


class C:
    x = P(lambda self: "x!", "more")


print(C().x, C.__dict__["x"].extra)
try:
    classmethod.__new__(int)
except TypeError as e:
    print(e)
