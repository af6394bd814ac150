class MyError(Exception):
    pass
class DetailedError(MyError):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
        self.msg = msg
    def __str__(self):
        return '[%d] %s' % (self.code, self.msg)
try:
    raise MyError('simple')
except MyError as e:
    print(type(e).__name__, e, repr(e), e.args)
try:
    raise DetailedError(404, 'not found')
except MyError as e:
    print(type(e).__name__, e, e.code, e.args, isinstance(e, Exception))
print(repr(MyError()), str(MyError()), repr(MyError(1, 2)), str(MyError(1, 2)), str(MyError('x')))
print([c.__name__ for c in DetailedError.__mro__])
e = ValueError('reuse')
for i in range(2):
    try:
        raise e
    except ValueError as err:
        print(err is e, err)
