# chaipy-test: stderr=full
# A function called from a hot loop raises at one iteration (deep inside two inlined calls);
# the exception is caught inside the loop, then outside the loop, and finally one escapes
# uncaught so that the complete traceback (frames, line numbers) is compared with python3's.
def check(v):
    if v % 997 == 996:
        raise ValueError("bad value %d" % v)
    return v % 10


def middle(v):
    return check(v) + 1


def outer(v):
    return middle(v) * 2


# Caught inside the loop.
total = 0
errors = []
for i in range(3000):
    try:
        total += outer(i)
    except ValueError as e:
        errors.append(str(e))
print(total, errors)

# Caught outside the loop: the loop is left from inside the inlined call.
def run(n):
    s = 0
    for i in range(n):
        s += outer(i)
    return s


for n in (500, 996, 997, 2000):
    try:
        print("run", n, run(n))
    except ValueError as e:
        print("run", n, "raised", e)

# A different exception type from a builtin called in the inlined function.
def lookup(d, k):
    return d[k]


d = {i: i * i for i in range(1500)}
s = 0
try:
    for i in range(3000):
        s += lookup(d, i)
except KeyError as e:
    print("KeyError", e, s)

# Uncaught: escapes from the hot loop at iteration 2500 through three frames.
def finish(i):
    if i == 2500:
        return 1 // (i - 2500)
    return i


def step(i):
    return finish(i) + 1


acc = 0
for i in range(3000):
    acc += step(i)
    if i == 2499:
        print("before escape", acc)
print("not reached", acc)
