# func_calls: many calls to small module-level functions and closures (positional, defaults).
# quick-arg: 100000
import sys


def add(a, b):
    return a + b


def add3(a, b, c=1):
    return a + b + c


def ident(x):
    return x


def make_adder(k):
    def adder(x):
        return x + k
    return adder


def work(n):
    f = make_adder(3)
    acc = 0
    for i in range(n):
        acc = add(acc, i)
        acc = add3(acc, 1)
        acc = add3(acc, 2, 3)
        acc = f(ident(acc))
        acc = acc & 0xFFFFFF
    return acc


def main(n):
    print(work(n))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 9000000)
