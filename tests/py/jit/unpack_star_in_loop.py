# Star-unpacking (UNPACK_EX) in hot loops: lists and tuples, empty and long starred parts,
# targets before and after the star, a length that becomes too short, and a starred list that
# is mutated afterwards (it must be a new list each time).
rows = [[i, i + 1, i + 2, i * 2][: 2 + i % 3] for i in range(40)]
tups = [tuple(r) for r in rows]
acc = 0
kept = []
for i in range(600):
    first, *rest = rows[i % 40]
    acc += first * 3 + len(rest) + sum(rest)
    *init, last = tups[(i * 7) % 40]
    acc += last - len(init)
    a, *mid, b = tups[i % 40]
    mid.append(i)
    acc += a + b + len(mid)
    if i % 50 == 0:
        kept.append(rest)
    try:
        p, q, *r, s = rows[i % 40]
        acc += p + q + s + len(r)
    except ValueError as e:
        acc += 1
        if i < 5:
            print(e)
    x, *y = (i, "s", 2.5) if i % 3 else [i]
    acc += x + len(y)
rest[0] = -1
print(acc, kept[:3], rest)
