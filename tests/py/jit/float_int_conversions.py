# float(), int() of floats (truncation toward zero for negatives, huge floats to big ints,
# inf/nan raising), int() of strings, round() with and without ndigits (banker's rounding).
t = 0
for i in range(-1500, 1500):
    f = i / 7
    t += int(f) * 3 + int(-f) + int(f * 1e10)
print(t)

huge = []
for i in range(2000):
    f = 1.5 ** (i % 1700)
    n = int(f)
    if i % 250 == 0:
        huge.append(n % 1000000007)
print(huge, int(1e308) % 997, int(-1e300) % 997)

r = []
for i in range(-40, 40):
    x = i / 4             # .25 steps: exact halves round to even
    r.append(round(x))
print(r)
rs = 0.0
for i in range(3000):
    rs += round(i * 0.123456, 2) + round(-i * 0.5) + round(i * 37, -2)
print(repr(rs), repr(round(2.675, 2)), round(-0.5), round(1.5), round(2 ** 70 + 1, -3))

# float() of ints beyond 2**53 rounds; float of huge ints overflows.
fl = 0.0
errs = 0
for i in range(2500):
    n = 2 ** (i % 1100) + 1
    try:
        fl += float(n) / 2 ** (i % 1100)
    except OverflowError as e:
        errs += 1
        msg = str(e)
print(repr(fl), errs, msg)

# int() of inf and nan, and of strings.
out = []
for i in range(1200):
    v = float("inf") if i == 600 else float("nan") if i == 900 else i * 1.5
    try:
        out.append(int(v))
    except (OverflowError, ValueError) as e:
        out.append(type(e).__name__ + ": " + str(e))
print(sum(x for x in out if isinstance(x, int)), [x for x in out if isinstance(x, str)])

s = 0
for i in range(2000):
    s += int(str(i)) + int("-" + str(i), 10) + int("ff", 16) + int(str(i * 0.5).split(".")[0])
print(s, float("1e5"), float("-inf"), float(" 2.5 "), int("0b101", 0))

# Truncating division results converted back.
m = 0
for i in range(1, 2000):
    m += int(10 ** 20 / i) - 10 ** 20 // i
print(m)
