# A function that calls itself inside its own loop (issue 11): the loop's trace, the function's
# trace and their side traces hand the frames to each other; a side trace of the loop must not
# return (RETF) out of a frame that a call_trace in another trace is waiting for.
def f(n):
    t = 1
    if n != 0:
        for i in range(n):
            t += f(n - 1)
    return t


for it in range(20):
    r = f(5)
print("ok", r)


# The same with a while loop, a list of results, and recursion both before and in the loop.
def g(n, acc):
    acc.append(n)
    if n <= 0:
        return 0
    s = g(n - 2, acc)
    k = 0
    while k < n:
        s += g(n - 1, acc) + k
        k += 2
    return s


tot = 0
for it in range(15):
    acc = []
    tot += g(6, acc) + len(acc)
print("g", tot)


# Recursion inside a loop inside a loop, depth varying per call.
def h(n, m):
    if n == 0:
        return m
    s = 0
    for a in range(n):
        for b in range(m):
            if (a + b) % 3 == 0:
                s += h(n - 1, b)
    return s + n


print("h", [h(i % 5, i % 4 + 1) for i in range(40)])


# Mutual recursion through two looping functions.
def even_sum(n):
    s = 0
    for i in range(n):
        s += odd_sum(i) + 1
    return s


def odd_sum(n):
    s = n
    for i in range(n // 2):
        s += even_sum(i)
    return s


print("mutual", [even_sum(k) for k in range(12)])
