memo = {0: 0, 1: 1}
def fib(n):
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]
print([fib(i) for i in range(25)])
print(fib(300))
print(len(memo))
def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
print(all([fib(i) == fib_iter(i) for i in range(300)]))
print(len(str(fib_iter(5000))))
lucas = {}
def L(n):
    if n in lucas:
        return lucas[n]
    r = 2 if n == 0 else 1 if n == 1 else L(n - 1) + L(n - 2)
    lucas[n] = r
    return r
print([L(i) for i in range(15)], L(200) == fib(199) + fib(201))
