vals = [0.1, 1.0 / 3, 2.5, 1e-10, 1e20, 123456.789, -0.0, float('inf'), 1e16, 9.999999999999999e22]
for v in vals:
    print(str(v), repr(v), '%g' % v, '%.3f' % v, '%e' % v, format(v, '.2e'))
print(str(1e16), str(1e15), str(0.0001), str(0.00001))
