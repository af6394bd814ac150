def gen(n):
    x = yield n
    yield from range(x)
    return x

lam = lambda a, b=2, *c, d, e=5, **f: a + b
