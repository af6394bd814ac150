async def f(x):
    y = await x
    async with x as z:
        pass
    async for i in x:
        pass
    return [i async for i in x]


async def agen(x):
    yield await x
