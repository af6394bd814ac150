def f(items):
    out = []
    for i, x in enumerate(items):
        if x is None:
            break
        out.append(x * 2)
    else:
        out.append(None)
    return out
