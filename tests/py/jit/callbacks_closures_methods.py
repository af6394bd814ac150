# Callbacks that are a fresh closure per call, lambdas with defaults made per iteration, and
# bound methods made per call (obj.method as a value): the calling loop's trace is guarded by the
# callee's code, so each new function object must bring its own cells, defaults and self.
def apply_all(items, fn):
    s = 0
    for x in items:
        s += fn(x)
    return s


def make(k):
    def fn(x):
        return x * k + 1
    return fn


items = list(range(12))
total = 0
for i in range(400):
    total += apply_all(items, make(i % 7))
print("closures", total)

# Lambdas with their own defaults, made per iteration; later ones have a different default.
total = 0
for i in range(300):
    total += apply_all(items, lambda x, k=i % 5: x - k)
print("lambda defaults", total)


def make_default(k):
    def fn(x, a=k, b=2):
        return x * a + b
    return fn


total = 0
for i in range(300):
    f = make_default(i % 4)
    if i > 200:
        f.__defaults__ = (i % 3,)  # one default fewer: a is now required (TypeError)
    try:
        total += apply_all(items, f)
    except TypeError as e:
        total += 1
print("defaults changed", total)


# A closure whose cell changes between calls and inside the callee.
def counter():
    n = 0

    def step(x):
        nonlocal n
        n += x
        return n
    return step


total = 0
for i in range(200):
    total += apply_all(items, counter())
print("nonlocal", total)


class Acc:
    def __init__(self, w):
        self.w = w
        self.t = 0

    def add(self, x):
        self.t += x * self.w
        return self.t % 7


class Other(Acc):
    def add(self, x):
        self.t -= x
        return 1


accs = [Acc(1), Acc(2), Other(3)]
total = 0
for i in range(400):
    total += apply_all(items, accs[i % 3].add)
print("bound methods", total, [a.t for a in accs])

# Bound methods stored in a list and taken from it; then an instance attribute shadows one.
fns = [a.add for a in accs]
for i in range(300):
    total += fns[i % 3](i)
    if i == 250:
        accs[0].add = lambda x: 100
        fns = [a.add for a in accs]
print("table", total, [a.t for a in accs])

# A bound method's function redefined on the class mid-loop.
for i in range(300):
    total += apply_all(items[:3], accs[1].add)
    if i == 150:
        Acc.add = lambda self, x: x + 1000
print("redefined", total)
