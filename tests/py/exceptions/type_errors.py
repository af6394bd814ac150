fl = 1.5
five = 5
nothing = None
cases = [lambda: 1 + 'a', lambda: 'a' + 1, lambda: [1] + 'a', lambda: 1 - 'a', lambda: 'a' * 'b', lambda: None + 1,
         lambda: 2.5 + None, lambda: {} + {}, lambda: (1,) + [2], lambda: 'x' - 'y', lambda: 1 < 'a', lambda: [] > 0,
         lambda: len(5), lambda: int([1]), lambda: float({}), lambda: 'abc'[fl], lambda: hash([]), lambda: abs('x'),
         lambda: sum(['a', 'b']), lambda: five(), lambda: nothing[0], lambda: iter(5), lambda: -'a',
         lambda: 'x'.join('a', 'b'), lambda: max(), lambda: ord('ab'), lambda: chr('a')]
for c in cases:
    try:
        c()
    except TypeError as e:
        print('TypeError:', e)
