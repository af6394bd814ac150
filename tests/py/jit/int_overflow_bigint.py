# An integer accumulator that crosses 2**47, 2**62, 2**63 and 2**64 mid-loop, becomes a big int,
# and comes back down into the small range; also multiplication overflow and negative overflow.
acc = 2 ** 47 - 1500
marks = []
for i in range(3000):
    acc += 1
    if acc == 2 ** 47:
        marks.append(("2**47 reached", i))
print(acc, marks)

acc = 2 ** 63 - 2000
for i in range(3000):
    acc += 1
    if i % 500 == 0:
        print(i, acc, acc - 2 ** 63, type(acc).__name__)
print("past 2**63", acc, acc > 2 ** 63, acc - 2 ** 63)

# Down again: subtracting brings it back under 2**62 and 2**47.
for i in range(3000):
    acc -= 2 ** 52
    if i % 600 == 0:
        print("down", i, acc)
print("down end", acc)

# Doubling: multiplication overflows every word size.
x = 3
trace = []
for i in range(200):
    x = x * 2 + 1
    if i % 20 == 0:
        trace.append(x % 1000003)
    if x > 2 ** 150:
        x = x >> 140
print(x, trace)

# Negative overflow past -2**63 and the sign of the result of mixed big/small operations.
n = -(2 ** 63) + 1000
s = 0
for i in range(2500):
    n -= 1
    s += n % 97 + n // (2 ** 40)
print(n, s, n < -(2 ** 63), -(n + 2 ** 63))

# Squares: i*i*i*i overflows 64 bits for i >= 65536.
t = 0
for i in range(65000, 67000):
    t += i * i * i * i - (i * i) * (i * i)
    t ^= (i * i * i * i) >> 60
print(t)
