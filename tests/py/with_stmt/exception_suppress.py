class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            print('suppressed', et.__name__, ev)
            return True
        return False
with Suppress(ZeroDivisionError):
    1 / 0
    print('not reached')
print('continues')
try:
    with Suppress(KeyError):
        [][0]
except IndexError as e:
    print('propagated', type(e).__name__, e)
with Suppress(ValueError, TypeError):
    int('x')
print('done')
