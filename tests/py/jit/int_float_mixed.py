# Mixed int/float arithmetic and comparisons in hot loops, including big ints that are not
# exactly representable as floats (2**53 + 1 vs float(2**53)) and huge ints vs inf.
big = 2 ** 53
f = float(big)
res = []
for i in range(3000):
    n = big + (i % 4)          # 2**53 .. 2**53+3
    lt = n < f + 0             # the float is exactly 2**53
    eq = n == f
    gt = n > f
    if i % 750 < 4:
        res.append((i % 4, lt, eq, gt, n == float(n), n - int(float(n))))
print(res)

huge = 10 ** 400
cnt = 0
for i in range(2000):
    x = huge * (1 if i % 2 else -1)
    if x < float("inf") and x > float("-inf"):
        cnt += 1
    if x == 1e308 or x < 1e308 < -x:
        cnt += 1000
print("huge vs inf", cnt)

# int + float, float + int, int / int (true division) and mixed ** in one loop.
acc = 0
facc = 0.0
for i in range(1, 3000):
    if i < 1500:
        acc = acc + i            # stays an int
    else:
        acc = acc + i * 0.5      # becomes a float at i == 1500
    facc += i / 7 + (i % 5) ** 0.5 + 2 ** (i % 9)
    if i in (1499, 1500, 1501):
        print(i, repr(acc))
print(repr(acc), repr(facc))

# Comparisons of ints and floats near every integer boundary.
c = 0
for i in range(-1500, 1500):
    x = i / 2
    c += (i > x) + 2 * (i == x) + 4 * (i // 2 == x) + 8 * (x <= i // 2)
print("cmp", c)

# float(int) and int(float) rounding near 2**53.
s = 0
for i in range(2000):
    n = big + i
    s += int(float(n)) - n
print("rounding", s)
