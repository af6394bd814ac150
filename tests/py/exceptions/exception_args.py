for e in [Exception(), Exception('one'), Exception('a', 'b'), ValueError(42), KeyError('k'), IndexError()]:
    print(type(e).__name__, repr(e), '|' + str(e) + '|', e.args)
e = Exception('x')
e.extra = 'attr'
print(e.extra)
try:
    raise ValueError
except ValueError as err:
    print(repr(err), err.args)
try:
    raise TypeError('t') from ValueError('v')
except TypeError as err:
    print(repr(err.__cause__))
