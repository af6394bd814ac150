class A: pass
a = A()
for f in [lambda: a + 1, lambda: 1 + a, lambda: a < a, lambda: a * 'x', lambda: len(a), lambda: a[0], lambda: a(), lambda: iter(a), lambda: -a]:
    try:
        f()
    except TypeError as e:
        print('TypeError', e)
try:
    a[0] = 1
except TypeError as e:
    print('TypeError', e)
try:
    for x in a:
        pass
except TypeError as e:
    print('TypeError', e)
