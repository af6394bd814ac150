print(format(3.14159, '.3f'), format(42, '05d'), format(42, 'x'), format(0.25, '.0%'), format('ab', '*^6'))
print(format(123), format(1.0), format('plain'), format(None), format([1, 2]))
print(format(1e6, ',.1f'), format(-42, '+d'), format(42, '+d'), format(7, 'b'), format(2 ** 40, ','))
