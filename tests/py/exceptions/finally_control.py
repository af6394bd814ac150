def f(n):
    out = []
    for i in range(n):
        try:
            try:
                if i == 2:
                    raise ValueError('two')
                out.append(i)
            finally:
                out.append('f%d' % i)
        except ValueError as e:
            out.append(str(e))
    return out
print(f(4))
def g():
    try:
        raise KeyError('lost')
    finally:
        return 'swallowed'
print(g())
def h():
    x = 0
    while True:
        try:
            x += 1
            if x > 3:
                return x
        finally:
            if x == 2:
                print('finally at 2')
print(h())
