def f():
    nonlocal q
    return q
