# math: every function on special and ordinary values (exact reprs, CPython's errors).
import math
vals = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 10.0, 1e-300, 1e300, -1e300, 710.0, math.inf, -math.inf, math.nan, 3, -7, 2**100]
names = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'ceil', 'cos', 'cosh', 'degrees', 'erf', 'erfc', 'exp', 'exp2', 'expm1', 'fabs', 'floor', 'gamma', 'lgamma', 'log', 'log10', 'log1p', 'log2', 'radians', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'trunc', 'frexp', 'modf', 'isfinite', 'isinf', 'isnan', 'ulp']
for n in names:
    f = getattr(math, n)
    out = []
    for v in vals:
        try: out.append(repr(f(v)))
        except Exception as e: out.append(type(e).__name__ + ":" + str(e))
    print(n, " ".join(out))
pairs = [(2.0, 3.0), (-2.0, 0.5), (0.0, -1.0), (math.inf, 0.0), (1.0, math.nan), (5, 3), (-5, 3), (1e308, 10.0), (3.0, -0.0)]
for n in ['atan2', 'copysign', 'fmod', 'hypot', 'ldexp', 'pow', 'remainder', 'nextafter', 'log', 'dist', 'isclose']:
    f = getattr(math, n)
    out = []
    for a, b in pairs:
        try:
            if n == 'ldexp': r = f(a, int(b) if b == b and abs(b) != math.inf else 1)
            elif n == 'dist': r = f((a,), (b,))
            else: r = f(a, b)
            out.append(repr(r))
        except Exception as e: out.append(type(e).__name__ + ":" + str(e))
    print(n, " ".join(out))
print(math.factorial(20), math.comb(10, 3), math.perm(5, 2), math.perm(5), math.gcd(12, 18, 8), math.lcm(4, 6), math.isqrt(10**20 + 5), math.prod([1, 2, 3.5]), math.fsum([0.1] * 10), math.hypot(3, 4, 12))
print(math.pi, math.e, math.tau, math.inf, math.nan)
