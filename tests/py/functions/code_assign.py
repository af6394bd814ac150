# Assigning a function's __code__ (types.coroutine does it): the new code runs, the free-variable
# count must match the closure, only code objects are accepted; sys.set/get_asyncgen_hooks keep
# the hooks an event loop installs.
import sys
import types


def f(a, b=2):
    return a + b


def g(a, b=2):
    return a * b


f.__code__ = g.__code__
print(f(3), f(3, 4), f.__name__)


def outer():
    x = 5

    def inner():
        return x
    return inner


for bad in (1, outer().__code__):
    try:
        f.__code__ = bad
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


@types.coroutine
def gen_based():
    yield "step"
    return "done"


async def use():
    return await gen_based()

c = use()
print(c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print("StopIteration", e.value)
print(bool(gen_based.__code__.co_flags & 0x100))

print(sys.get_asyncgen_hooks())
def first(agen):
    pass
sys.set_asyncgen_hooks(firstiter=first)
h = sys.get_asyncgen_hooks()
print(h.firstiter is first, h.finalizer, h[0] is first, len(h))
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())
for kw in ({"firstiter": 1}, {"finalizer": "x"}, {"firstiter": 1, "finalizer": 2}):
    try:
        sys.set_asyncgen_hooks(**kw)
    except TypeError as e:
        print("TypeError", e)
