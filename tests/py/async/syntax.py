# SyntaxErrors of async constructs, through compile().
cases = [
    "await x\n",
    "def f():\n    await x\n",
    "def f():\n    async with x:\n        pass\n",
    "def f():\n    async for i in x:\n        pass\n",
    "def f():\n    return [i async for i in x]\n",
    "def f():\n    return [await i for i in x]\n",
    "[i async for i in x]\n",
    "async def f():\n    yield 1\n    return 2\n",
    "async def f():\n    yield from x\n",
    "class C:\n    await x\n",
    "async def f():\n    lambda: await x\n",
    "async def f():\n    def g():\n        await x\n",
    "def f():\n    return (await i for i in x)\n",
    "async def f():\n    return [[await j for j in i] for i in x]\n",
    "async def f():\n    return {i: await i async for i in x}\n",
    "async def f():\n    async with a as b, c as d:\n        pass\n",
    "async def f(): await x\n",
    "async x = 1\n",
    "async def f():\n    await\n",
    "async def f():\n    x = yield\n    await x\n",
]
for src in cases:
    try:
        compile(src, "<test>", "exec")
        print("compiled:", repr(src))
    except SyntaxError as e:
        print("%s: %s (line %s, offset %s-%s)" % (type(e).__name__, e.msg, e.lineno, e.offset, e.end_offset))
