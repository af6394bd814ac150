# method_calls: calls of small bound methods, including inherited and overridden ones.
# quick-arg: 100000
import sys


class Base:
    def __init__(self):
        self.v = 0

    def inc(self):
        self.v += 1
        return self

    def get(self):
        return self.v

    def step(self, k):
        return k + 1


class Derived(Base):
    def step(self, k):
        return k + 2

    def both(self, k):
        return Base.step(self, k) + self.step(k)


def work(n):
    b = Base()
    d = Derived()
    acc = 0
    for i in range(n):
        b.inc()
        d.inc().inc()
        acc += b.step(i) + d.step(i) + d.both(1)
        acc += b.get() - d.get()
        acc = acc & 0xFFFFFF
    return acc, b.get(), d.get()


def main(n):
    print(work(n))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 4500000)
