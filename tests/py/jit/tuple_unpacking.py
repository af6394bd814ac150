# Tuple packing and unpacking in hot loops: swaps, multiple assignment, starred unpacking,
# unpacking of lists and of tuples returned by calls, and a length mismatch raised mid-loop.
a, b = 0, 1
for i in range(3000):
    a, b = b, (a + b) % 1000000007
print(a, b)

def divmod3(n):
    return n // 9, (n // 3) % 3, n % 3


t = 0
for i in range(2000):
    x, y, z = divmod3(i)
    t += x * 100 + y * 10 + z
print(t)

pairs = [(i, -i) for i in range(50)] + [[i, i * i] for i in range(50)]
s = 0
for rep in range(20):
    for p, q in pairs:
        s += p * 3 - q
print(s)

first = last = mids = 0
rows = [tuple(range(k % 6 + 2)) for k in range(300)]
for rep in range(8):
    for row in rows:
        f, *mid, l = row
        first += f
        last += l
        mids += len(mid)
print(first, last, mids)

# Nested unpacking.
nested = [((i, i + 1), (i * 2, (i * 3, i * 4))) for i in range(100)]
n = 0
for rep in range(20):
    for (a1, a2), (b1, (c1, c2)) in nested:
        n += a1 - a2 + b1 * c1 - c2
print(n)

# Mismatched lengths: the third element appears at iteration 1500.
items = [(i, i) for i in range(3000)]
items[1500] = (1, 2, 3)
items[2000] = (7,)
errs = []
tot = 0
for it in items:
    try:
        u, v = it
        tot += u + v
    except ValueError as e:
        errs.append(str(e))
print(tot, errs)

# Tuple comparisons and tuples as accumulators.
best = (0, 0)
for i in range(2500):
    cand = ((i * 37) % 101, -i)
    if cand > best:
        best = cand
print(best)
