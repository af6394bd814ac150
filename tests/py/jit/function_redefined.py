# A function called in a hot loop is redefined mid-loop (a new `def` of the same name, a lambda,
# a builtin, a class), and a function's __code__-independent behaviour changes via its globals.
def f(x):
    return x + 1


t = 0
for i in range(3000):
    t += f(i)
    if i == 800:
        def f(x):
            return x * 2
    if i == 1400:
        f = lambda x: -x
    if i == 1900:
        f = abs                      # a builtin function
    if i == 2400:
        class f:                     # a class: calling it constructs an instance
            def __init__(self, x):
                self.x = x

            def __radd__(self, other):
                return other + self.x % 3
    if i % 300 == 0:
        print(i, t)
print(t)

# A function that calls a helper, and the helper is redefined (the caller stays the same).
def helper(x):
    return x % 7


def caller(x):
    return helper(x) + helper(x + 1)


s = 0
for i in range(2500):
    s += caller(i)
    if i == 1250:
        def helper(x):
            return x % 11 - 5
print(s)

# Functions stored in a list and replaced one at a time.
table = [lambda v: v, lambda v: v + 1, lambda v: v * 2]
acc = 0
for i in range(3000):
    acc += table[i % 3](i)
    if i % 1000 == 999:
        k = i // 1000
        table[k] = lambda v, k=k: v - k * 100
print(acc)
