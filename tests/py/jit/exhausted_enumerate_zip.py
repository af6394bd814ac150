# enumerate / zip loops that end inside a trace: the exhausted direction of FOR_ITER is
# compiled (zip stops at the first exhausted iterator, losing an item already taken from the
# first one), with iterators of different lengths and ones shared with the interpreter.
pts = [(1, 2), (3, 4), (5, 6)]
rows = [[1, 2], [3, 4], [5, 6], [7, 8]]
acc = 0
for i in range(400):
    for (a, b), r in zip(pts, rows):
        acc += a * b + r[0]
    it = iter(rows)
    for p, r in zip(pts[: i % 4], it):
        acc += p[0] + r[1]
    rest = list(it)              # items zip left behind (one lost when pts ran out first)
    acc += len(rest) * 7
    for k, x in enumerate(rows[i % 3:], i % 5):
        acc += k * x[1]
    e = enumerate(range(i % 6))
    for k, v in e:
        acc += k ^ v
    acc += len(list(e))          # stays exhausted
    short = iter(range(i % 3))
    for a, b in zip(range(5), short):
        acc += a - b
    acc += sum(short)
print(acc)
