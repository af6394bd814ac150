# A builtin used in a hot loop is shadowed by a module global mid-loop (`len = ...` at iteration
# 1500) and the global is deleted later, so the lookup falls back to the builtin again.
def mylen(x):
    return 1000


data = [1, 2, 3, 4]
total = 0
for i in range(3000):
    total += len(data)
    if i == 1500:
        len = mylen
    if i == 2200:
        del len
    if i % 500 == 0:
        print(i, total)
print(total)

# The same inside a function that reads the builtin (the function is compiled first).
def count(seq):
    return len(seq) + abs(-1)


t = 0
for i in range(3000):
    t += count(data)
    if i == 1000:
        abs = lambda v: 50
    if i == 1700:
        globals()["len"] = lambda s: -5
    if i == 2400:
        del globals()["len"]
        del abs
print(t)

# Shadowing through the builtins module itself.
import builtins

orig_max = builtins.max
m = 0
for i in range(2000):
    m += max(i % 7, 3)
    if i == 1200:
        builtins.max = lambda a, b: -1
    if i == 1600:
        builtins.max = orig_max
print(m)

# A builtin name bound as a global by a `for` target.
s = 0
for i in range(1500):
    s += min(i, 50)
    if i == 900:
        for min in (lambda a, b: 7,):
            pass
print(s)
