# async with / async for over classes implementing the protocols by hand.

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


class Tick:
    def __await__(self):
        yield


class Manager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        await Tick()
        print("enter", self.name)
        return self.name.upper()

    async def __aexit__(self, typ, val, tb):
        await Tick()
        print("exit", self.name, typ.__name__ if typ else None, val)
        return self.suppress


async def body():
    async with Manager("a") as a, Manager("b") as b:
        print("inside", a, b)
    async with Manager("c", suppress=True):
        raise ValueError("suppressed")
    try:
        async with Manager("d"):
            raise KeyError("kept")
    except KeyError as e:
        print("caught", repr(e))
    for i in range(3):
        async with Manager("loop%d" % i):
            if i == 1:
                continue
            if i == 2:
                break
    return "done"


print(run(body()))


async def returns_inside():
    async with Manager("r"):
        return "returned"


print(run(returns_inside()))


class Ticker:
    """An async iterator with __aiter__/__anext__ written by hand."""
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        await Tick()
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


async def loop():
    total = []
    async for x in Ticker(4):
        total.append(x)
    else:
        total.append("else")
    async for x in Ticker(10):
        if x > 2:
            break
        total.append(-x)
    return total


print(run(loop()))


# errors of the protocols
class NoAenter:
    pass


class NoAexit:
    async def __aenter__(self):
        return self


class EnterNotAwaitable:
    def __aenter__(self):
        return 1

    async def __aexit__(self, *a):
        pass


class NotAsyncIterable:
    pass


class AiterNoAnext:
    def __aiter__(self):
        return 1


class AnextNotAwaitable:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 5


async def try_with(m):
    async with m:
        pass


async def try_for(it):
    async for x in it:
        pass


for make, what in [(try_with, NoAenter()), (try_with, NoAexit()), (try_with, EnterNotAwaitable()),
                   (try_for, NotAsyncIterable()), (try_for, AiterNoAnext()), (try_for, AnextNotAwaitable())]:
    try:
        run(make(what))
    except TypeError as e:
        print("TypeError:", e)


# exceptions from __anext__ other than StopAsyncIteration propagate out of the loop
class Failing:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise OSError("read failed")


async def use_failing():
    try:
        async for x in Failing():
            pass
    except OSError as e:
        return "OSError " + str(e)


print(run(use_failing()))
