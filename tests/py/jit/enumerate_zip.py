# `for i, x in enumerate(...)` and `for a, b in zip(...)` compile without building the pairs:
# check every kind of inner iterator, start values, unequal lengths, strict zip, the pair used
# as a tuple, lists growing during the loop, element types changing, and an int64 start.
def enum_sum(seq, start=0):
    s = 0
    for i, x in enumerate(seq, start):
        s += i * x
    return s


def zip_dot(a, b):
    s = 0.0
    for x, y in zip(a, b):
        s += x * y
    return s


nums = list(range(2000))
print(enum_sum(nums), enum_sum(tuple(nums), 5), enum_sum(range(1500), -7))
print(zip_dot([float(v) for v in range(2000)], range(1500)))
print(zip_dot(range(1000), tuple(range(1200))), zip_dot([], nums))

grow = [1, 2, 3]
count = 0
for i, x in enumerate(grow):
    if i < 1500:
        grow.append(x + i)
    count += x
print(count, len(grow))

mixed = list(range(1500)) + [0.5 * k for k in range(1500)] + ["s"] * 3
acc = 0
for i, x in enumerate(mixed):
    if isinstance(x, str):
        acc += len(x) * i
    else:
        acc += x
print(acc)

pairs = []
for p in enumerate(range(1200)):
    if p[0] % 300 == 0:
        pairs.append(p)
print(pairs)

try:
    for a, b in zip(range(1000), range(999), strict=True):
        pass
except ValueError as e:
    print("strict:", e)

big = 0
for i, x in enumerate(range(5), 2**63 - 3):
    big = i
print(big)
