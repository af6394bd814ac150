# Module-level counters updated in hot loops, directly and through `global` statements in
# functions called from the loop; the counter types change (int -> big int -> float).
calls = 0
total = 0
big = 2 ** 63 - 500 * 2 ** 40


def tick(n):
    global calls, total
    calls += 1
    total += n
    return calls


def grow():
    global big
    big += 2 ** 40
    return big


for i in range(3000):
    tick(i)
    if i % 3 == 0:
        grow()
    if i == 2000:
        calls = float(calls)
print(calls, total, big, big > 2 ** 63)

# A counter incremented from two different functions alternating.
hits = {"a": 0, "b": 0}
seq = 0


def fa():
    global seq
    seq = seq * 3 + 1
    seq %= 1000003
    hits["a"] += 1


def fb():
    global seq
    seq = seq * 7 + 2
    seq %= 1000003
    hits["b"] += 1


for i in range(2500):
    (fa if i % 3 else fb)()
print(seq, hits)

# Augmented assignment to a global inside nested loops at module level.
grid = 0
for i in range(60):
    for j in range(50):
        grid += i ^ j
print(grid)
