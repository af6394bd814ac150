import math
def newton_sqrt(x):
    g = x / 2
    for _ in range(30):
        g = (g + x / g) / 2
    return g
for v in [2, 10, 144, 1e6]:
    print(v, newton_sqrt(v), math.sqrt(v), abs(newton_sqrt(v) - math.sqrt(v)) < 1e-9)
def primes_upto(n):
    out = []
    for k in range(2, n):
        if all([k % p for p in out if p <= math.isqrt(k)]):
            out.append(k)
    return out
print(primes_upto(60))
area = 0.0
n = 1000
for i in range(n):
    x = (i + 0.5) / n
    area += math.sqrt(1 - x * x) / n
print(round(area * 4, 6))
