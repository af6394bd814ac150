# Small functions called from hot loops (candidates for inlining): positional, keyword and
# default arguments, *args/**kwargs, nested calls, and calls whose result type changes.
def add(a, b):
    return a + b


def scale(x, factor=2, offset=0):
    return x * factor + offset


def kw_only(x, *, mul=1, add=0):
    return x * mul + add


def varargs(*args):
    s = 0
    for a in args:
        s += a
    return s


def kwargs(**kw):
    return kw.get("a", 0) * 10 + kw.get("b", 0)


def compose(x):
    return add(scale(x), scale(x, 3, offset=1))


t = 0
for i in range(3000):
    t += add(i, 1)
    t += scale(i)
    t += scale(i, 3)
    t += scale(i, offset=5)
    t += scale(factor=-1, x=i)
    t += kw_only(i, add=2) + kw_only(i, mul=3)
    t += varargs(i, 1, 2) + varargs() + varargs(*(i, i))
    t += kwargs(a=i) + kwargs(b=i, a=1) + kwargs(**{"b": 3})
    t += compose(i)
print(t)

# The argument types change mid-loop: int, then float, then str for add().
acc = []
for i in range(2400):
    if i < 800:
        r = add(i, i)
    elif i < 1600:
        r = add(i * 0.5, 1)
    else:
        r = add(str(i % 7), "x")
    if i % 400 == 0:
        acc.append(r)
print(acc)

# A mutable default argument accumulating across calls.
def collect(v, into=[]):
    into.append(v)
    return len(into)


n = 0
for i in range(2000):
    n += collect(i % 3)
print(n, collect(0))

# Wrong argument counts raise TypeError mid-loop.
errs = 0
for i in range(1500):
    try:
        if i % 500 == 499:
            add(i)
        else:
            add(i, i)
    except TypeError as e:
        errs += 1
        msg = str(e)
print(errs, msg)
