# _weakref (what weakref.py builds on) with gc.collect(): references, callbacks, proxies.
import gc
import _weakref


class Node:
    def __init__(self, name):
        self.name = name

    def hello(self):
        return "hi " + self.name


def make(name):
    return Node(name)


log = []
a = make("a")
r = _weakref.ref(a)
print(r() is a, r().name, _weakref.getweakrefcount(a), r is _weakref.ref(a))
r2 = _weakref.ref(a, lambda ref: log.append(("cb", ref is r2)))
print(r2 is r, _weakref.getweakrefcount(a), len(_weakref.getweakrefs(a)))
print(r == _weakref.ref(a), hash(r) == hash(a), r.__callback__ is None)
del a
gc.collect()
print(r(), r2(), log)

b = make("b")
p = _weakref.proxy(b)
print(p.name, p.hello(), type(p).__name__)
p.name = "bee"
print(b.name)
del b
gc.collect()
try:
    p.name
except ReferenceError as e:
    print("ReferenceError:", e)

for obj in [1, "s", (1,), None, [1]]:
    try:
        _weakref.ref(obj)
    except TypeError as e:
        print(e)


class Slotted:
    __slots__ = ("x",)


class SlottedRef:
    __slots__ = ("x", "__weakref__")


for cls in (Slotted, SlottedRef):
    try:
        _weakref.ref(cls())
        print(cls.__name__, "ok")
    except TypeError as e:
        print(e)


def f():
    pass


print(_weakref.ref(f)() is f, _weakref.ref(Node)() is Node, _weakref.ref(gc)() is gc)


class KeyedRef(_weakref.ref):
    __slots__ = ("key",)

    def __new__(cls, ob, callback, key):
        self = super().__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)


d = {}
c = make("c")
kr = KeyedRef(c, lambda wr: d.pop(wr.key, None), "ckey")
d["ckey"] = kr
print(kr().name, kr.key, type(kr).__name__, isinstance(kr, _weakref.ref))
del c
gc.collect()
print(d, kr())

e = make("e")
wd = {"k": _weakref.ref(e)}
del e
gc.collect()
_weakref._remove_dead_weakref(wd, "k")
print(wd)


def bad(ref):
    raise ValueError("from callback")


g = make("g")
rb = _weakref.ref(g, bad)
del g
gc.collect()
print("after bad callback", rb())
