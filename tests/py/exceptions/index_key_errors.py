for c in [lambda: [][0], lambda: [1, 2][2], lambda: (1,)[5], lambda: 'ab'[9], lambda: range(3)[3], lambda: [1].pop(4)]:
    try:
        c()
    except IndexError as e:
        print('IndexError', e)
d = {'a': 1}
for k in ['b', 0, (1, 'x'), None]:
    try:
        d[k]
    except KeyError as e:
        print('KeyError', e, repr(e), str(e), e.args)
try:
    raise KeyError('custom', 2)
except KeyError as e:
    print(e, e.args)
try:
    raise KeyError
except LookupError as e:
    print(repr(e), str(e) == '', e.args)
