# range() loops with negative steps, large steps, empty ranges, ranges whose bounds are big
# ints or computed each iteration, and range objects indexed, sliced and measured.
s = 0
for i in range(3000, 0, -1):
    s += i * (i % 3)
print(s)

s = 0
for i in range(-10, -3000, -7):
    s += i
print(s)

empty = 0
for a in range(3000):
    for b in range(a % 5, a % 3):      # empty when a % 5 >= a % 3
        empty += 1
    for b in range(0, -3):
        empty += 1000
    for b in range(5, 5, -1):
        empty += 1000
print(empty)

# Bounds beyond 2**63.
big = 2 ** 64
t = 0
for i in range(big, big + 2000):
    t += i - big
for i in range(-big, -big - 1500, -3):
    t += i + big
print(t)

# Len, index, contains, slicing and reversed of ranges with negative steps.
r = range(100, -200, -7)
chk = 0
for k in range(3000):
    idx = k % len(r)
    chk += r[idx] + r[-1 - idx] + (k in r) + len(r[idx:]) + r.index(r[idx])
print(chk, len(r), r[5:10], list(reversed(range(0, 10, 3))))

# The range is recreated each iteration with a bound that grows and then shrinks.
tri = 0
for n in range(60):
    top = n if n < 30 else 60 - n
    for j in range(top, -1, -2):
        tri += j
print(tri)

# range with a zero step raises ValueError.
try:
    for k in range(2000):
        step = 1 if k < 1500 else 0
        list(range(0, 3, step))
except ValueError as e:
    print(k, e)
