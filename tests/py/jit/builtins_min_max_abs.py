# abs, min, max, len and isinstance in hot loops with ints, floats, big ints, mixed int/float
# arguments (the result keeps the type of the winning argument), and equal values.
a_int = a_flt = 0
for i in range(-1500, 1500):
    a_int += abs(i) + abs(i * 2 ** 40)
    a_flt += abs(i * 0.25) + abs(-0.0)
print(a_int, repr(a_flt), repr(abs(-0.0)), abs(-(2 ** 63)), abs(-(2 ** 100)))

res = []
lo = hi = 0
for i in range(3000):
    x = (i * 7919) % 1000 - 500
    y = x * 0.5 if i % 3 else x + 0.0
    m = max(x, y)
    n = min(x, y)
    lo = min(lo, n, x - 1)
    hi = max(hi, m, 2 ** 64 if i == 2999 else 0)
    if i % 400 == 0:
        res.append((repr(m), repr(n), type(m).__name__))
print(res)
print(lo, hi)

# min/max over sequences and with key=, and ties keep the first.
seqs = [[(k * 13) % 17, (k * 5) % 11 - 3.5, k % 4] for k in range(1000)]
s1 = s2 = 0
for sq in seqs:
    s1 += max(sq) - min(sq)
    s2 += max(sq, key=lambda v: -v) + len(sq)
print(repr(s1), repr(s2), max(1, 1.0), max(1.0, 1), min(0, -0.0), min(-0.0, 0))

# isinstance with tuples of classes and with subclasses; len of various containers.
class MyInt(int):
    pass


objs = [1, 1.5, "s", [1, 2], (3,), {"a": 1}, True, MyInt(5), None, 2 ** 80]
counts = [0] * 6
for rep in range(300):
    for o in objs:
        counts[0] += isinstance(o, int)
        counts[1] += isinstance(o, (float, str))
        counts[2] += isinstance(o, bool)
        counts[3] += isinstance(o, MyInt)
        counts[4] += isinstance(o, (list, tuple, dict)) and len(o)
        counts[5] += isinstance(o, object)
print(counts)

# Errors from builtins inside the loop.
errs = []
for i in range(1500):
    try:
        if i == 700:
            max([])
        elif i == 1400:
            abs("x")
        elif i == 1450:
            len(5)
    except (ValueError, TypeError) as e:
        errs.append((type(e).__name__, str(e)))
print(errs)
