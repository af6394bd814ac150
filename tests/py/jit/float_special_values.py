# Negative zero, NaN and infinities flowing through hot loops: arithmetic, comparisons
# (NaN compares unequal to itself), min/max, and repr of every result.
import math

nan = float("nan")
inf = float("inf")
vals = [0.0, -0.0, 1.0, -1.0, inf, -inf, nan, 1e308, -1e-308, 5e-324]
counts = [0] * 8
for rep in range(40):
    for a in vals:
        for b in vals:
            counts[0] += a == b
            counts[1] += a < b
            counts[2] += a <= b
            counts[3] += a != b
            counts[4] += a > b
            s = a + b
            p = a * b
            counts[5] += s != s              # NaN results of addition
            counts[6] += math.isinf(p)
            counts[7] += s == s and math.copysign(1.0, s) < 0   # (a NaN's sign is unspecified)
print(counts)

# repr of the special results, computed in a loop.
out = []
for i in range(300):
    a = vals[i % len(vals)]
    b = vals[(i * 3) % len(vals)]
    if i >= 290:
        out.append((repr(a), repr(b), repr(a + b), repr(a - b), repr(a * b), repr(-a)))
for o in out:
    print(o)

# A sum that becomes inf, then NaN, mid-loop.
s = 1e300
for i in range(2000):
    if i == 1000:
        print("before", repr(s))
    s = s * 1.5 if i < 1200 else s - inf
    if i in (1100, 1199, 1200, 1201):
        print(i, repr(s), s == s, s > 0)
print(repr(s))

# Negative zero survives multiplication and is equal to 0.0.
z = -0.0
zs = []
for i in range(1500):
    z = z * 1.0 if i % 2 else z * 2.0
    if i % 500 == 0:
        zs.append((repr(z), z == 0.0, repr(abs(z)), repr(-z), repr(z + 0.0), repr(0.0 - z)))
print(zs)

# Comparisons with NaN inside a running maximum: the result depends on the order.
m = -inf
for i in range(1200):
    v = nan if i % 100 == 50 else float(i % 97)
    if v > m:
        m = v
print(repr(m), repr(max(3.0, nan)), repr(max(nan, 3.0)), repr(min(-0.0, 0.0)), repr(min(0.0, -0.0)))
