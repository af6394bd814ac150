# A module using async def, match and except*: loaded from __pycache__ in warm_pycache mode.


async def double(x):
    return 2 * x


async def agen(n):
    for i in range(n):
        yield await double(i)


async def total(n):
    return sum([v async for v in agen(n)])


def classify(v):
    match v:
        case [x, *rest]:
            return "seq %r %r" % (x, rest)
        case {"k": k}:
            return "map %r" % (k,)
        case int() | float() as n if n > 0:
            return "positive"
        case _:
            return "other"


def split_errors():
    handled = []
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        handled.append(repr(e))
    except* TypeError as e:
        handled.append(repr(e))
    return handled
