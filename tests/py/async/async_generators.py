# Async generators: async for, asend/athrow/aclose, the awaitables they return, ag_* attributes.

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


class Tick:
    """Suspends once (like an event loop's sleep(0))."""
    def __await__(self):
        yield "tick"


async def counter(n):
    for i in range(n):
        await Tick()
        yield i * 10


async def collect(agen):
    out = []
    async for v in agen:
        out.append(v)
    return out


print(run(collect(counter(5))))
print(type(counter(1)).__name__)


# the awaitable protocol by hand
ag = counter(2)
print(ag.ag_running, ag.__name__, ag.__qualname__)
aw = ag.__anext__()
print(type(aw).__name__)
print(aw.send(None))          # the inner Tick suspends: the driver sees "tick"
try:
    aw.send(None)
except StopIteration as e:
    print("anext value", e.value)
try:
    aw.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)


# asend: values sent in come back from yield
async def echo():
    received = []
    while True:
        v = yield len(received)
        if v is None:
            break
        received.append(v)
    yield received


async def use_echo():
    ag = echo()
    out = [await ag.asend(None)]
    out.append(await ag.asend("a"))
    out.append(await ag.asend("b"))
    out.append(await ag.asend(None))
    try:
        await ag.asend(None)
    except StopAsyncIteration:
        out.append("exhausted")
    return out


print(run(use_echo()))


# athrow: handled inside, the generator yields again
async def resilient():
    while True:
        try:
            yield "ok"
        except ValueError as e:
            yield "recovered from " + str(e)


async def use_athrow():
    ag = resilient()
    a = await ag.__anext__()
    b = await ag.athrow(ValueError("bad"))
    c = await ag.__anext__()
    await ag.aclose()
    try:
        await ag.__anext__()
    except StopAsyncIteration:
        d = "closed"
    return a, b, c, d


print(run(use_athrow()))


# athrow that is not handled propagates
async def plain():
    yield 1
    yield 2


async def use_athrow_unhandled():
    ag = plain()
    await ag.__anext__()
    try:
        await ag.athrow(KeyError("k"))
    except KeyError as e:
        return "propagated " + repr(e)


print(run(use_athrow_unhandled()))


# aclose runs finally blocks; a generator that yields in its finally is an error
async def with_cleanup():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")


async def use_cleanup():
    ag = with_cleanup()
    v = await ag.__anext__()
    await ag.aclose()
    return v


print(run(use_cleanup()))


async def stubborn():
    try:
        yield 1
    finally:
        yield 2


async def use_stubborn():
    ag = stubborn()
    await ag.__anext__()
    try:
        await ag.aclose()
    except RuntimeError as e:
        return "RuntimeError: " + str(e)


print(run(use_stubborn()))


# returning a value from an async generator is a SyntaxError; raising StopAsyncIteration inside
# becomes a RuntimeError
async def raises_stop():
    yield 1
    raise StopAsyncIteration


async def use_raises_stop():
    try:
        async for v in raises_stop():
            pass
    except RuntimeError as e:
        return "RuntimeError: " + str(e)


print(run(use_raises_stop()))


# break out of async for, then the generator is closed explicitly
async def infinite():
    i = 0
    while True:
        yield i
        i += 1


async def first_n(n):
    out = []
    ag = infinite()
    async for v in ag:
        if v >= n:
            break
        out.append(v)
    await ag.aclose()
    return out


print(run(first_n(4)))


# async for with else, continue, and nested loops
async def nested():
    out = []
    async for a in counter(3):
        if a == 10:
            continue
        async for b in counter(2):
            out.append((a, b))
    else:
        out.append("else")
    return out


print(run(nested()))
