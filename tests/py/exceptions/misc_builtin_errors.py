for c in [lambda: [1, 2, 3].index('x'), lambda: next(iter([])), lambda: {}.popitem(), lambda: set().pop()]:
    try:
        c()
    except (ValueError, StopIteration, KeyError) as e:
        print(type(e).__name__, repr(e))
try:
    raise NotImplementedError
except RuntimeError as e:
    print(type(e).__name__, repr(e))
try:
    int('z')
except ValueError as e:
    print(e)
try:
    raise OverflowError('custom overflow')
except ArithmeticError as e:
    print(type(e).__name__, e)
try:
    float('1e500') * 0 + int(float('inf'))
except OverflowError as e:
    print('OverflowError', e)
