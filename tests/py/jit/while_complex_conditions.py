# while loops with compound conditions (and/or/not, chained comparisons, `is None` tests,
# conditions calling functions) where the condition that ends the loop changes mid-run.
def collatz_steps(n):
    steps = 0
    while n != 1 and steps < 1000:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


tot = 0
for n in range(1, 400):
    tot += collatz_steps(n)
print(tot)

# Chained comparisons and `not`.
i = 0
hits = 0
while 0 <= i < 3000 and not (i > 2000 and i % 777 == 0):
    if 100 < i % 400 <= 300 or i % 13 == 0:
        hits += 1
    i += 1
print(i, hits)

# A linked list walked with `is None` / `is not None` tests; the last node's next is None.
node = None
for k in range(2000):
    node = (k, node)
walked = 0
total = 0
cur = node
while cur is not None:
    v, cur = cur
    total += v
    walked += 1
print(walked, total)

# A sentinel that may be None, an int 0, or an empty list: identity vs truthiness.
vals = []
for k in range(2400):
    r = k % 4
    vals.append(None if r == 0 else 0 if r == 1 else [] if r == 2 else k)
n_none = n_falsy = n_true = 0
for v in vals:
    if v is None:
        n_none += 1
    elif not v:
        n_falsy += 1
    else:
        n_true += v
print(n_none, n_falsy, n_true)

# Conditions with side effects evaluated lazily.
calls = 0


def probe(x):
    global calls
    calls += 1
    return x % 3 == 0


j = 0
cnt = 0
while j < 3000:
    if (j % 2 == 0 and probe(j)) or (j > 1500 and probe(j + 1)):
        cnt += 1
    j += 1
print(cnt, calls)
