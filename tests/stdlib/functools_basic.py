# functools: lru_cache, partial, reduce, wraps, total_ordering, cached_property, singledispatch.
import functools

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80), fib.cache_info())

def power(base, exp):
    return base ** exp
square = functools.partial(power, exp=2)
print(square(12), square.keywords, functools.reduce(lambda a, b: a * b, range(1, 11)))
print(functools.reduce(lambda a, b: a + b, [], 100))

def deco(f):
    @functools.wraps(f)
    def inner(*a, **k):
        return ("wrapped", f(*a, **k))
    return inner

@deco
def hello(name):
    "Say hello."
    return "hi " + name
print(hello("bob"), hello.__name__, hello.__doc__, hello.__wrapped__("x"))

@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))

class C:
    @functools.cached_property
    def heavy(self):
        print("computing")
        return 42
c = C()
print(c.heavy, c.heavy)

@functools.singledispatch
def show(x): return "object"
@show.register(int)
def _(x): return "int"
@show.register(list)
def _(x): return "list"
print(show(1), show([1]), show("s"))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
