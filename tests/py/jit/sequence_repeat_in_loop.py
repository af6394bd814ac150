# `list * int`, `int * list`, `str * int` and `tuple * int` in hot loops: each makes a new object
# (and `l *= n` changes l in place); negative and zero counts, nested lists sharing items.
rows = []
for i in range(300):
    row = [0] * (i % 7)
    row2 = (i % 3) * [i, None]
    rows.append(len(row) + len(row2))
    s = "ab" * (i % 4 - 1)
    t = (1, 2) * (i % 3)
    rows.append(len(s) + len(t))
print(sum(rows), rows[-6:])

grid = []
for i in range(200):
    line = [i % 5] * 4
    line[0] += 1
    grid.append(line)
print(grid[-3:], sum(sum(l) for l in grid))

shared = []
for i in range(150):
    inner = [[]] * 3
    inner[0].append(i)
    shared.append(len(inner[2]))
print(sum(shared))

acc = []
for i in range(200):
    l = [1, 2]
    l *= i % 3
    acc.append(len(l))
print(sum(acc))

big = 0
for i in range(120):
    try:
        x = [0] * (2 ** 62 if i == 100 else i)
        big += len(x)
    except (MemoryError, OverflowError) as e:
        big += 1000
print(big)
