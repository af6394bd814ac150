def f(g, o, args, kw):
    g(1, 2, key=3)
    o.method(1, name="x")
    g(*args, **kw)
    g(0, *args, flag=True, **kw)
    return print(-1, 2**10, (1, 2, 3), [1, 2, 3], {"a": 1, "b": 2})
