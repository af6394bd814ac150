# Async comprehensions, await inside comprehensions, async generator expressions, aiter/anext.

def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


class Tick:
    def __await__(self):
        yield


async def arange(n):
    for i in range(n):
        await Tick()
        yield i


async def square(x):
    await Tick()
    return x * x


async def comps():
    a = [x async for x in arange(5)]
    b = {x % 3 async for x in arange(7)}
    c = {x: x * 2 async for x in arange(3) if x != 1}
    d = [await square(x) for x in range(4)]
    e = [y async for x in arange(3) async for y in arange(x)]
    f = [[await square(y) for y in range(x)] for x in range(3)]
    g = (x * 10 async for x in arange(3))
    gl = [v async for v in g]
    h = [x for x in [await square(5)]]
    return a, sorted(b), c, d, e, f, gl, h, type(g).__name__


print(run(comps()))


async def use_aiter_anext():
    it = aiter(arange(3))
    out = [await anext(it), await anext(it), await anext(it)]
    out.append(await anext(it, "default"))
    try:
        await anext(it)
    except StopAsyncIteration:
        out.append("stop")
    return out


print(run(use_aiter_anext()))

for bad in [1, [1, 2]]:
    try:
        aiter(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    anext(iter([1]))
except TypeError as e:
    print("TypeError:", e)


# a genexp with await in a normal function is an async generator expression
def make_agen(xs):
    return (await square(x) for x in xs)


async def use_agen():
    return [v async for v in make_agen([1, 2, 3])]


print(run(use_agen()))
