cases = [lambda: int('abc'), lambda: int('12.5'), lambda: int(''), lambda: int('0x1g', 16), lambda: float('x1'),
         lambda: [1, 2].index(3), lambda: 'abc'.index('z'), lambda: [].remove(1), lambda: range(0, 1, 0),
         lambda: int('1', 1), lambda: chr(-1), lambda: 'a'.split(''), lambda: (1, 2).index(5)]
for c in cases:
    try:
        c()
    except ValueError as e:
        print('ValueError:', e)
try:
    a, b = 1, 2, 3
except ValueError as e:
    print('ValueError:', e)
try:
    a, b, c = 'xy'
except ValueError as e:
    print('ValueError:', e)
