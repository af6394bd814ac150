def gen():
    yield 1
    yield 2
g = gen()
print(list(g), list(g))
g2 = gen()
print(next(g2))
for x in g2:
    print('rest', x)
def counter():
    n = 0
    while True:
        n += 1
        yield n
c = counter()
print([next(c) for _ in range(5)])
z = zip(counter(), 'abc')
print(list(z))
print(list(enumerate(x * 2 for x in range(3))))
def raises():
    yield 1
    raise ValueError('inside generator')
try:
    for v in raises():
        print('value', v)
except ValueError as e:
    print('ValueError', e)
def stop_early():
    yield 1
    return
    yield 2
print(list(stop_early()))
