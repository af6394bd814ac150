g = 1
def outer(a, /, b=2, *args, c, d=4, **kw):
    x = 1
    def inner():
        nonlocal x
        global g
        x += 1; g += x
        return lambda y=x: (y, a, [z for z in args if z], {k: v for k, v in kw.items()})
    class K:
        x = 5
        def m(self): return x, __class__
    return inner, K
async def co():
    await co()
    async for q in co(): pass
    async with co() as z: pass
