for s in ['1.5', ' 2.25 ', '-3', '1e5', '1E-5', '.5', '5.', 'inf', '-inf', 'nan', '  +1.0  ', '1_000.5', '0.1', '3.141592653589793238']:
    print(repr(s), float(s))
for s in ['abc', '', '1.2.3', '1e']:
    try:
        float(s)
    except ValueError as e:
        print("ValueError", e)
print(float(10 ** 20), float('1' * 25))
