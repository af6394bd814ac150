class BadEnter:
    def __enter__(self):
        raise ValueError('enter failed')
    def __exit__(self, *a):
        print('exit should not run')
try:
    with BadEnter():
        print('body should not run')
except ValueError as e:
    print('caught', e)
class NotCM:
    pass
try:
    with NotCM():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__)
class ExitRaises:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise KeyError('from exit')
try:
    with ExitRaises():
        raise ValueError('original')
except KeyError as e:
    print('KeyError', e, type(e.__context__).__name__)
