inf = float('inf')
nan = float('nan')
print(inf, -inf, nan, float('-inf'), float('Infinity'), float('NaN'))
print(inf + 1, inf * 0, inf - inf, -inf * -1)
print(nan == nan, nan != nan, nan < 1, nan > 1, inf == inf, inf > 1e308)
print(1.5e300 * 1e10, -1.5e300 * 1e10)
print(-0.0, 0.0 == -0.0, repr(-0.0), str(-0.0), 0.0 * -1)
print(abs(-0.0), -(0.0), 1 / inf, -1 / inf)
x = [nan]
print(x == x, nan in x)
print(max(1.0, inf), min(-inf, 0.0))
print(int(1e18), int(-2.5e15))
for v in (inf, nan):
    try:
        int(v)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
