# Recursive functions called from hot loops: the recursion depth varies per iteration, and a
# RecursionError-free deep-ish recursion and mutual recursion are mixed in.
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def depth_sum(n):
    if n == 0:
        return 0
    return n + depth_sum(n - 1)


chk = 0
for i in range(1500):
    chk = (chk + fact(i % 30)) % (2 ** 61 - 1)
    chk += fib(i % 12)
    chk += is_even(i % 40) * 3 + is_odd(i % 33)
    chk += depth_sum(i % 200)
print(chk)

# Recursion on a data structure built in the loop.
def tree_sum(t):
    if t is None:
        return 0
    return t[0] + tree_sum(t[1]) + tree_sum(t[2])


tree = None
sums = []
for i in range(300):
    tree = (i, tree, None) if i % 2 else (i, None, tree)
    if i % 30 == 0:
        sums.append(tree_sum(tree))
print(sums)

# Ackermann(2, n) grows the recursion depth as the loop goes.
def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


a = 0
for i in range(60):
    a += ack(2, i % 20)
print(a)
