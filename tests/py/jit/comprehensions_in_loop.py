# List comprehensions, tuples and lists built in hot loops, closures made per iteration, cells of
# inlined calls, and sum(); with the deopt paths (type changes, exceptions inside a comprehension,
# a closure variable rebound, sum over objects with __add__).

SCALE = 3


def scaled(xs, k):
    return [x * k + SCALE for x in xs if x % 3 != 1]


def counter():
    n = 0

    def bump(step):
        nonlocal n
        n += step
        return n
    return bump


def pairs(m):
    return [(a, b) for a in range(m) for b in range(a)]


class Money:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Money(self.v + (other.v if isinstance(other, Money) else other))

    __radd__ = __add__


def main():
    t = 0
    for i in range(4000):
        ys = scaled([1, 2, 3, 4, 5, i % 7], i)
        t += len(ys) + ys[-1]
        t += len(pairs(i % 5))
        t += sum([j * j for j in range(i % 6)])
        tup = (i, i + 1, t % 1000)
        t += tup[2] % 3
        a, b = [i, -i]
        t += a + b
        bump = counter()
        t += bump(i) + bump(2)
    print("ints", t)

    # element types change mid-loop: floats, then strings
    out = []
    for i in range(3000):
        v = i if i < 1000 else (i * 0.5 if i < 2000 else str(i))
        out.append([v, v][i % 2])
        row = [v for _ in range(2)]
        out.append(row[0])
    print("types", out[5], out[2500], out[-1], len(out))

    # an exception raised inside a comprehension, caught by the loop
    errs = 0
    total = 0
    for i in range(2000):
        try:
            total += sum([10 // (j - i % 50) for j in range(3)])
        except ZeroDivisionError:
            errs += 1
    print("errors", errs, total)

    # sum() of objects with __add__ (the interpreter does it) and of mixed numbers
    acc = 0
    for i in range(1500):
        if i % 500 == 499:
            acc += sum([Money(i), Money(1)]).v
        else:
            acc += sum((i, 0.5, True)) if i % 2 else sum([i, 2])
    print("sum", acc)

    # the closure captures a variable the loop rebinds
    k = 0
    fs = []
    for i in range(2000):
        k = i % 11
        fs = [(lambda x: x + k)(j) for j in range(3)]
        t += fs[-1]
    print("closure", t)


main()
