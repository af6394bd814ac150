def accumulator():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return 'final total %d' % total
g = accumulator()
print(next(g), g.send(5), g.send(10), g.send(-3))
try:
    g.send(None)
except StopIteration as e:
    print('StopIteration', e.value)
def closer():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup on close')
c = closer()
print(next(c))
c.close()
print('closed')
def echo():
    while True:
        try:
            v = yield
            print('echo', v)
        except ValueError as e:
            print('caught thrown', e)
e = echo()
next(e)
e.send('hi')
e.throw(ValueError('oops'))
e.send('again')
