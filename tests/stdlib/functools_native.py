# _functools (the native module functools re-exports): reduce, partial, cmp_to_key,
# _lru_cache_wrapper — results, reprs, flattening, __reduce__/__setstate__, errors
from _functools import reduce, partial, cmp_to_key, _lru_cache_wrapper


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


add = lambda a, b: a + b
print(reduce(add, [1, 2, 3, 4]), reduce(add, [1, 2, 3], 10), reduce(add, [], 5), reduce(add, "abc"))
print(reduce(lambda a, b: a * b, range(1, 20)), reduce(max, [3, 9, 2]), reduce(add, [[1], [2]], []))
show("empty", lambda: reduce(add, []))
show("not iterable", lambda: reduce(add, 1))
show("one arg", lambda: reduce(add))
show("kw", lambda: reduce(add, [1], initial=0))
show("raises", lambda: reduce(lambda a, b: a / b, [1, 0]))


def f(a, b, c=0, *rest, d=1, **kw):
    return (a, b, c, rest, d, sorted(kw.items()))


p = partial(f, 1, d=5)
print(p(2), p(2, 3, 4, d=6, e=7), p.func is f, p.args, p.keywords)
q = partial(p, 9, e=8)
print(q(), q.func is f, q.args, q.keywords)
print(repr(partial(print, 1, "a", sep="-")), repr(partial(max)))
print(partial(int, base=2)("101"), partial(sorted, key=len)(["ccc", "a", "bb"]))
show("no args", lambda: partial())
show("not callable", lambda: partial(1))
show("set func", lambda: setattr(p, "func", print))
show("set args", lambda: setattr(p, "args", ()))
p.attr = 42
print(p.attr, p.__dict__)
flat = partial(p, 3)
print(flat.func is p, flat.args)
print(partial(print).__reduce__())
r = partial(f, 1, x=2).__reduce__()
print(r[0] is partial, r[1][0] is f, r[2][1:])
s = partial(print)
s.__setstate__((f, (1, 2), {"z": 3}, None))
print(s(), s.args, s.keywords)
show("bad state", lambda: s.__setstate__((1, 2, 3, 4)))
show("bad state len", lambda: s.__setstate__((f,)))
show("state not tuple", lambda: s.__setstate__([f, (), {}, None]))


class C:
    m = partial(f, "not bound")


print(C().m(2))
rec = partial(print)
rec.__setstate__((print, (rec,), {}, None))
print(repr(rec).replace("functools.partial(<built-in function print>, ", "P("))


def numeric_compare(x, y):
    return x - y


print(sorted([5, 2, 4, 1, 3], key=cmp_to_key(numeric_compare)))
print(sorted(["bb", "a", "ccc"], key=cmp_to_key(lambda a, b: len(b) - len(a))))
K = cmp_to_key(numeric_compare)
k1, k2 = K(1), K(2)
print(k1 < k2, k1 > k2, k1 == k2, k1 <= K(1), k1 != K(1), k1.obj, K(obj=7).obj, type(K).__name__)
show("K vs int", lambda: k1 < 3)
show("hash K", lambda: hash(k1))
print(min([3, 1, 2], key=cmp_to_key(numeric_compare)), max("abc", key=cmp_to_key(lambda a, b: ord(a) - ord(b))))


class Info(tuple):
    def __new__(cls, *a):
        return tuple.__new__(cls, a)

    def __repr__(self):
        return "CacheInfo(hits=%d, misses=%d, maxsize=%r, currsize=%d)" % self


calls = []


def sq(x):
    calls.append(x)
    return x * x


c = _lru_cache_wrapper(sq, 2, False, Info)
print(c(1), c(2), c(1), c(3), c(2), c(1), calls, c.cache_info())
c.cache_clear()
print(c.cache_info(), c(4), c.cache_info())
u = _lru_cache_wrapper(sq, None, False, Info)
calls.clear()
print([u(i % 3) for i in range(9)], calls, u.cache_info())
print(u(1), u(1.0), u(True), u.cache_info())
t = _lru_cache_wrapper(sq, 10, True, Info)
print(t(1), t(1.0), t(1), t.cache_info())
z = _lru_cache_wrapper(sq, 0, False, Info)
print(z(3), z(3), z.cache_info())
neg = _lru_cache_wrapper(sq, -5, False, Info)
print(neg(2), neg.cache_info())


def kwf(a, b=1):
    return a + b


kc = _lru_cache_wrapper(kwf, 8, False, Info)
print(kc(1), kc(1, b=1), kc(a=1), kc(1, 1), kc.cache_info())


@partial(_lru_cache_wrapper, maxsize=None, typed=False, cache_info_type=Info)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info())
show("not callable", lambda: _lru_cache_wrapper(1, 2, False, Info))
show("bad maxsize", lambda: _lru_cache_wrapper(sq, "a", False, Info))
fib.__wrapped__ = "w"
fib.__doc__ = "doc"
print(fib.__wrapped__, fib.__doc__, sorted(fib.__dict__))


class Obj:
    def __init__(self, v):
        self.v = v

    def meth(self, k):
        return self.v * k

    meth = _lru_cache_wrapper(meth, 4, False, Info)


o = Obj(3)
print(o.meth(2), o.meth(2), Obj.meth.cache_info(), Obj.meth(o, 5))
print(fib.__copy__() is fib, fib.__deepcopy__({}) is fib)
lr = _lru_cache_wrapper(lambda x: x, 3, False, Info)
for i in [1, 2, 3, 1, 4, 2, 5]:
    lr(i)
print(lr.cache_info())
