def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for v in fib():
    if v > 1000:
        break
    out.append(v)
print(out)
def take(n, it):
    res = []
    for x in it:
        if len(res) >= n:
            break
        res.append(x)
    return res
print(take(10, fib()))
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1
print(take(15, primes()))
