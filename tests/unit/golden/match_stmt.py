def f(x):
    match x:
        case 1 | 2:
            return "a"
        case [a, *rest, b]:
            return a
        case {"k": v, **kw}:
            return v
        case Point(1, y=z) as p if z > 0:
            return p
        case [_, *_, last]:
            return last
        case None:
            return None
        case _:
            return 0
