# Numeric kernel: sieve of Eratosthenes (list stores with strided inner loops whose start and
# step change with the outer loop), then prime gaps and a checksum.
def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    p = 2
    while p * p <= n:
        if flags[p]:
            for m in range(p * p, n + 1, p):
                flags[m] = False
        p += 1
    return flags


for n in (100, 3000, 30000):
    f = sieve(n)
    primes = [i for i in range(n + 1) if f[i]]
    gaps = {}
    for a, b in zip(primes, primes[1:]):
        gaps[b - a] = gaps.get(b - a, 0) + 1
    chk = 0
    for p in primes:
        chk = (chk * 131 + p) % 1000000007
    print(n, len(primes), primes[-3:], max(gaps), gaps[2], chk)

# A variant that clears multiples with extended-slice assignment.
n = 20000
fl = [1] * (n + 1)
fl[0] = fl[1] = 0
for p in range(2, int(n ** 0.5) + 1):
    if fl[p]:
        fl[p * p::p] = [0] * len(range(p * p, n + 1, p))
print(sum(fl), n - fl[::-1].index(1))
