# Coroutines driven by hand: send/throw/close, return values, awaiting custom awaitables,
# the cr_* attributes and CPython's error messages.

def run(coro):
    """Drive a coroutine that never really suspends; return its result."""
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


async def double(x):
    return x * 2


async def chain(n):
    total = 0
    for i in range(n):
        total += await double(i)
    return total


print(run(chain(10)))
c = chain(1)
print(type(c).__name__)
c.close()  # never awaited: closed (CPython warns about coroutines never awaited)


class Suspend:
    """An awaitable that suspends once and returns what it is sent, plus one."""
    def __await__(self):
        v = yield "suspended"
        return v + 1


async def uses_suspend():
    a = await Suspend()
    b = await Suspend()
    return a, b


c = uses_suspend()
print(c.send(None))
print(c.send(10))
try:
    c.send(20)
except StopIteration as e:
    print("returned", e.value)

# reuse of an exhausted coroutine
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

# non-None to a just-started coroutine
c2 = uses_suspend()
try:
    c2.send(5)
except TypeError as e:
    print("TypeError:", e)
c2.close()


# exceptions propagate through await chains
async def fails():
    raise ValueError("boom")


async def catches():
    try:
        await fails()
    except ValueError as e:
        return "caught " + str(e)


print(run(catches()))


# throw() into a suspended coroutine reaches the innermost awaitable first
class Thrower:
    def __await__(self):
        try:
            yield "waiting"
        except KeyError as e:
            return "inner handled " + repr(e)
        return "not thrown"


async def outer():
    r = await Thrower()
    return r


c = outer()
print(c.send(None))
try:
    c.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)

c = outer()
c.send(None)
try:
    c.throw(IndexError("i"))
except IndexError as e:
    print("propagated", repr(e))

# close() runs finally blocks
async def with_finally():
    try:
        await Suspend()
    finally:
        print("finally ran")


c = with_finally()
c.send(None)
c.close()
print("closed")


async def ignores_exit():
    try:
        await Suspend()
    except GeneratorExit:
        pass
    await Suspend()  # suspends again instead of exiting


c = ignores_exit()
c.send(None)
try:
    c.close()
except RuntimeError as e:
    print("RuntimeError:", e)
c.close()  # now suspended outside the try: GeneratorExit ends it

# attributes
async def attrs():
    await Suspend()

c = attrs()
print(c.__name__, c.__qualname__, c.cr_running, c.cr_await, c.cr_code is not None)
c.send(None)
print(type(c.cr_await).__name__)
c.close()
print(c.cr_await)

# __await__ of a coroutine: an iterator over the same coroutine
async def simple():
    return 7


w = simple().__await__()
try:
    next(w)
except StopIteration as e:
    print("await iterator returned", e.value)


# errors of await
async def await_int():
    await 1


try:
    run(await_int())
except TypeError as e:
    print("TypeError:", e)


class BadAwait:
    def __await__(self):
        return 5


async def await_bad():
    await BadAwait()


try:
    run(await_bad())
except TypeError as e:
    print("TypeError:", e)


class AwaitReturnsCoro:
    def __await__(self):
        self.coro = simple()
        return self.coro


a = AwaitReturnsCoro()
async def await_coro_iter():
    await a


try:
    run(await_coro_iter())
except TypeError as e:
    print("TypeError:", e)
a.coro.close()


async def raise_stop():
    raise StopIteration(3)


try:
    run(raise_stop())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)


# awaiting the same coroutine twice
async def waiter(coro):
    return await coro


inner = uses_suspend()
w1 = waiter(inner)
w1.send(None)
w2 = waiter(inner)
try:
    w2.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
w1.close()
w2.close()


# yield inside a plain generator driving a coroutine is not allowed
s = simple()
def plain_gen():
    yield from s


try:
    list(plain_gen())
except TypeError as e:
    print("TypeError:", e)
s.close()

# a loop of awaits is traced by the JIT like any loop
async def hot(n):
    s = 0
    for i in range(n):
        s += await double(i)
    return s

print(run(hot(3000)))
