# callbacks: higher-order code — a fresh closure per call, lambdas made in loops, bound methods
# passed as callbacks and kept in tables, an event dispatcher calling handlers by kind.
# quick-arg: 20
import sys


def fold(items, fn, acc):
    for x in items:
        acc = fn(acc, x)
    return acc


def each(items, fn):
    for x in items:
        fn(x)


def make_scaler(k, bias):
    def scale(acc, x):
        return (acc + x * k + bias) % 1000003
    return scale


def make_counter():
    n = [0]

    def hit(x):
        n[0] += x & 7
    return hit, n


class Stats:
    def __init__(self, w):
        self.w = w
        self.total = 0
        self.hits = 0

    def add(self, x):
        self.total = (self.total + x * self.w) % 1000003
        self.hits += 1

    def add_sq(self, x):
        self.total = (self.total + x * x) % 1000003


class Dispatcher:
    def __init__(self):
        self.handlers = {}

    def on(self, kind, fn):
        if kind not in self.handlers:
            self.handlers[kind] = []
        self.handlers[kind].append(fn)

    def emit(self, kind, value):
        hs = self.handlers.get(kind)
        if hs is None:
            return 0
        for h in hs:
            h(value)
        return len(hs)


def main(rounds):
    items = list(range(64))
    checksum = 0
    for r in range(rounds):
        for i in range(300):
            checksum = (checksum + fold(items, make_scaler(i % 9, r), i)) % 1000003
            checksum = (checksum + fold(items, lambda a, x, k=i: (a * 3 + x + k) % 1000003, 1)) % 1000003
        stats = [Stats(w) for w in range(1, 5)]
        for i in range(400):
            each(items, stats[i % 4].add)
            if i % 5 == 0:
                each(items, stats[i % 3].add_sq)
        hit, n = make_counter()
        d = Dispatcher()
        for k in range(4):
            d.on(k, stats[k].add)
            d.on(k, hit)
            d.on((k + 1) % 4, make_scaler(k, 1).__call__ if False else stats[(k + 2) % 4].add_sq)
        fired = 0
        for i in range(20000):
            fired += d.emit(i % 5, i)
        checksum = (checksum + sum(s.total + s.hits for s in stats) + n[0] + fired) % 1000003
        print(r, checksum)
    print("checksum", checksum)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 150)
