def f(rows):
    a = [x * y for x in rows if x for y in x]
    b = {k: v for k, v in rows}
    c = {x for x in rows}
    return sum(x for x in rows), a, b, c
