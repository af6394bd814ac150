class AppError(Exception):
    pass
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise AppError('bad input: ' + s) from e
try:
    parse('xyz')
except AppError as e:
    print(type(e).__name__, e)
    print(type(e.__cause__).__name__, e.__cause__)
    print(e.__suppress_context__, type(e.__context__).__name__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('during handling')
except ValueError as e:
    print(repr(e), repr(e.__context__), e.__cause__)
try:
    try:
        raise KeyError('k')
    except KeyError:
        raise RuntimeError('no context') from None
except RuntimeError as e:
    print(e, e.__cause__, e.__suppress_context__, repr(e.__context__))
