# Left and right shifts in hot loops: shifts that overflow machine words into big ints, right
# shifts of negative numbers (arithmetic), shift counts >= 64, and negative shift counts.
acc = 0
for i in range(3000):
    k = i % 80
    v = (i + 1) << k
    acc ^= v
    acc = (acc + (v >> (k // 2))) & ((1 << 100) - 1)
print(acc)

neg = 0
for i in range(3000):
    v = -(i * 12345 + 1)
    neg += v >> (i % 70)
    neg += (v << (i % 5)) >> 3
print(neg)

# The shift count becomes a big number at the end; x >> huge is 0 or -1.
res = []
for i in range(2000):
    n = i % 9 if i < 1000 else 10 ** 20 if i < 1500 else 64 + i % 3
    res.append(((i + 7) >> n, (-(i + 7)) >> n, (i + 7) << (n % 200)))
print(res[8], res[999], res[1000], res[1499], res[1500], res[-1])
print(sum(a + b for a, b, c in res), sum(c for a, b, c in res) % 1000000007)

# Negative shift count raises ValueError mid-loop.
errors = 0
total = 0
for i in range(2000):
    n = 3 - (i // 500) * 2      # 3, 1, -1, -3
    try:
        total += (i << n) + (i >> n)
    except ValueError as e:
        errors += 1
        msg = str(e)
print(total, errors, msg)

# Bitwise ops mixing small and big ints.
b = 0
chk = 0
for i in range(2500):
    big = (1 << (60 + i % 10)) | i
    b = (b ^ big) & (big | 0xFFFF) | (i & -i)
    b ^= ~i
    chk = (chk * 31 + b) % (2 ** 61 - 1)
print(b, chk)
