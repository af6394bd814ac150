def f(x, y):
    if x and not y:
        return 1
    elif x is None or y > 3:
        return 2
    else:
        return 0 if x < y < 10 else -1
