import sys
sys.setrecursionlimit(10000)
memo = {}
def ack(m, n):
    if (m, n) in memo:
        return memo[(m, n)]
    if m == 0:
        r = n + 1
    elif n == 0:
        r = ack(m - 1, 1)
    else:
        r = ack(m - 1, ack(m, n - 1))
    memo[(m, n)] = r
    return r
print([ack(2, n) for n in range(10)])
print(ack(3, 5), len(memo) > 100)
def catalan(n, cache={}):
    if n <= 1:
        return 1
    if n not in cache:
        cache[n] = sum([catalan(i) * catalan(n - 1 - i) for i in range(n)])
    return cache[n]
print([catalan(i) for i in range(15)], catalan(100))
