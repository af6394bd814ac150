d = {'a': 1, 2: 'two', (1, 2): 'tuple'}
for k in ['b', 3, (3, 4), None, 1.5, '']:
    try:
        d[k]
    except KeyError as e:
        print("KeyError", e, repr(e), e.args)
try:
    del d['nope']
except KeyError as e:
    print("KeyError", e)
print(d[(1, 2)], d[2])
