# Lambdas and closures called in hot loops; the closed-over variable is changed mid-loop through
# `nonlocal` (by the closure itself and by a sibling closure) and by the enclosing function.
def make_counter(start):
    count = start

    def inc(k):
        nonlocal count
        count += k
        return count

    def reset(v):
        nonlocal count
        count = v

    def peek():
        return count

    return inc, reset, peek


inc, reset, peek = make_counter(0)
chk = 0
for i in range(3000):
    chk = (chk + inc(i % 5)) % 1000003
    if i == 1000:
        reset(10 ** 6)
    if i == 2000:
        reset(0.5)               # the cell now holds a float
    if i % 500 == 0:
        print(i, repr(peek()), chk)
print(repr(peek()), chk)

# Lambdas capturing a loop-level variable (late binding) and default-bound values.
fs = []
for k in range(5):
    fs.append(lambda x: x + k)           # every lambda sees the final k
    fs.append(lambda x, k=k: x * k)      # bound now
t = 0
for i in range(2000):
    t += fs[i % 10](i)
print(t)

# The enclosing function rebinds the cell between calls of the inner function in its own loop.
def outer(n):
    step = 1

    def advance(x):
        return x + step

    x = 0
    for i in range(n):
        x = advance(x)
        if i == n // 2:
            step = 3
    return x


print(outer(3000), outer(10), outer(1))

# Closures created inside the hot loop.
acc = 0
for i in range(2000):
    f = (lambda a: lambda b: a * b)(i % 13)
    acc += f(i % 7)
print(acc)
