# Calls with keyword arguments in traced loops: keywords in any order, skipped positional
# parameters taking their defaults, keyword-only parameters, methods, closures made per call,
# defaults replaced while the trace runs, and the TypeErrors of wrong names.


def area(w, h=2, *, scale=1, shift=0):
    return w * h * scale + shift


def mix(a, b=10, c=20, d=30):
    return a - b + 2 * c - 3 * d


def pos_only(a, b=5, /, c=7):
    return a * 100 + b * 10 + c


class Acc:
    def __init__(self):
        self.total = 0

    def add(self, v, times=1, *, sign=1):
        self.total += sign * v * times
        return self.total


def run(n):
    acc = Acc()
    t = 0
    for i in range(n):
        t += area(i, scale=3)
        t += area(w=i, h=i % 5, shift=-1, scale=2)
        t += mix(i, d=i % 7)
        t += mix(c=i, a=1)
        t += pos_only(i, c=i % 3)
        acc.add(i, sign=-1 if i % 4 == 0 else 1)
        acc.add(v=2, times=i % 3)
        f = (lambda x, y=i: x * y)
        t += f(y=3, x=i) + f(x=1)
    return t, acc.total


print(run(500))


def errors(n):
    out = []
    for i in range(n):
        try:
            if i % 97 == 96:
                area(i, bogus=1)
            elif i % 89 == 88:
                mix(i, a=2)
            elif i % 83 == 82:
                pos_only(1, b=2)
            elif i % 79 == 78:
                area(i, 3, 4)
            else:
                out.append(area(i, h=i % 4, scale=i % 3))
        except TypeError as e:
            out.append(str(e))
    return out


r = errors(400)
print(len(r), sum(x for x in r if isinstance(x, int)), [x for x in r if isinstance(x, str)][:4])


def defaults_change(n):
    total = 0
    for i in range(n):
        if i == n // 2:
            mix.__defaults__ = (1, 2, 3)
        if i == 3 * n // 4:
            area.__kwdefaults__ = {"scale": 5, "shift": 1}
        total += mix(i, c=4) + area(i, scale=2)
        if i > 3 * n // 4:
            total += area(i)
    return total


print(defaults_change(400))


class P:
    def __init__(self, x, y=2, z=3):
        self.s = x + y * 10 + z * 100


def init_defaults_change(n):
    t = 0
    for i in range(n):
        if i == n // 2:
            P.__init__.__defaults__ = (7, 8)
        t += P(i).s + P(i, 1).s
    return t


print(init_defaults_change(400))


class Q:
    def __init__(self, a, b=1, *, c=2, d=3):
        self.r = a * 1000 + b * 100 + c * 10 + d


def instantiate_keywords(n):
    t = 0
    errs = []
    for i in range(n):
        if i == n // 2:
            Q.__init__.__kwdefaults__ = {"c": 5, "d": 6}
        t += Q(i).r + Q(i, c=0).r + Q(b=2, a=i, d=i % 4).r
        try:
            if i % 101 == 100:
                Q(i, e=1)
        except TypeError as e:
            errs.append(str(e))
    return t, errs[:2]


print(instantiate_keywords(400))
