# Pickling through object.__reduce_ex__ (every protocol) and copy: plain instances, __slots__,
# subclasses of list/dict/int/str/tuple, __getnewargs__ / __getnewargs_ex__, __getstate__ /
# __setstate__, an overriding __reduce__, exceptions, ranges, built-in functions by name, and the
# objects that cannot be pickled.
import copy
import copyreg
import pickle


class Plain:
    def __init__(self):
        self.a = 1
        self.b = [1, 2]


class Slots:
    __slots__ = ("x", "y")


class Both(Plain):
    __slots__ = ("z",)


class L(list):
    pass


class D(dict):
    pass


class I(int):
    pass


class S(str):
    pass


class T(tuple):
    pass


class NewArgs:
    def __new__(cls, a, b=0):
        self = super().__new__(cls)
        self.args = (a, b)
        return self

    def __getnewargs__(self):
        return self.args


class NewArgsEx(NewArgs):
    def __getnewargs_ex__(self):
        return (self.args[0],), {"b": self.args[1]}


class State:
    def __init__(self):
        self.v = 3

    def __getstate__(self):
        return {"v": self.v * 10}

    def __setstate__(self, st):
        self.v = st["v"] + 1


class Reduced:
    def __reduce__(self):
        return (Reduced.make, (7,))

    @staticmethod
    def make(n):
        r = Reduced()
        r.n = n
        return r


def show(o):
    if isinstance(o, (Plain, Slots, NewArgs, State, Reduced)):
        attrs = {k: getattr(o, k) for k in ("a", "b", "x", "y", "z", "args", "v", "n") if hasattr(o, k)}
        return "%s %s" % (type(o).__name__, attrs)
    return "%s %r %s" % (type(o).__name__, o, getattr(o, "__dict__", ""))


s = Slots()
s.x = 5
both = Both()
both.z = 9
l = L([1, 2])
l.tag = "t"
d = D(a=1)
values = [Plain(), s, both, l, d, I(5), S("s"), T((1, 2)), NewArgs(1, 2), NewArgsEx(3, 4), State(), Reduced(),
          range(2, 9, 3), ValueError("bad", 2), KeyError("k")]
for v in values:
    out = []
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        try:
            out.append(show(pickle.loads(pickle.dumps(v, proto))))
        except Exception as e:
            out.append("%s: %s" % (type(e).__name__, e))
    print(" | ".join(sorted(set(out))))
    print("  copy:", show(copy.copy(v)), "deepcopy:", show(copy.deepcopy(v)))

print(Plain().__reduce_ex__(2)[0] is copyreg.__newobj__, Plain().__reduce_ex__(2)[2])
print(s.__reduce_ex__(2)[2], Slots().__getstate__(), Plain().__getstate__())
print(l.__reduce_ex__(2)[2:4][0], list(l.__reduce_ex__(2)[3]))
print(ValueError("x").__reduce__(), range(3).__reduce__())
print(pickle.loads(pickle.dumps(len)) is len, pickle.loads(pickle.dumps([].append.__self__.__class__)) is list)
err = ValueError("e")
err.note = 1
print(err.__reduce__()[2])


def gen():
    yield 1


for bad in (gen(), (lambda: 0)):
    try:
        pickle.dumps(bad)
    except (TypeError, pickle.PicklingError, AttributeError) as e:
        print(type(e).__name__)
for bad_newargs in (lambda self: 1, lambda self: (1, 2, 3), lambda self: ([], {}), lambda self: ((), [])):
    class Bad:
        __getnewargs_ex__ = bad_newargs
    try:
        pickle.dumps(Bad(), 2)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
