# Recursive functions get function traces (entered at the call, returning a value); recursive
# calls go through call_trace. Covers deopt inside nested calls, exceptions raised deep in the
# recursion, the recursion limit, and callees that change globals and attributes the caller
# read before the call.
import sys

COUNT = 0


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fib_mixed(n):
    # becomes a float deep in the recursion: the guards of the nested calls fail
    if n < 2:
        return 0.5 if n == 0 and COUNT > 1000 else n
    return fib_mixed(n - 1) + fib_mixed(n - 2)


def depth(n):
    global COUNT
    COUNT += 1
    if n == 0:
        return 0
    return 1 + depth(n - 1)


def explode(n, at):
    if n == at:
        raise ValueError("boom at %d" % n)
    if n == 0:
        return 1
    return explode(n - 1, at) + 1


def walk(node):
    # a tree of tuples
    if node is None:
        return 0
    left, value, right = node
    return walk(left) + value + walk(right)


def build(lo, hi):
    if lo > hi:
        return None
    mid = (lo + hi) // 2
    return (build(lo, mid - 1), mid, build(mid + 1, hi))


class Box:
    def __init__(self):
        self.v = 0


def bump(box, n):
    if n == 0:
        box.v += 1
        return box.v
    before = box.v
    r = bump(box, n - 1)
    return r + box.v - before  # box.v changed inside the call


def unbounded(n):
    return unbounded(n + 1) + 1


def main():
    print("fib", [fib(i) for i in range(15)], fib(22))
    total = 0
    for i in range(300):
        total += depth(i % 40)
    print("depth", total, COUNT)
    print("fib_mixed", fib_mixed(18), fib_mixed(12))

    caught = 0
    ok = 0
    for i in range(600):
        try:
            ok += explode(30, i % 45)
        except ValueError as e:
            caught += 1
            last = str(e)
    print("explode", caught, ok, last)

    tree = build(1, 500)
    print("walk", sum(walk(tree) for _ in range(20)))

    box = Box()
    print("bump", [bump(box, k) for k in range(30)][-3:], box.v)

    sys.setrecursionlimit(300)
    for i in range(3):
        try:
            unbounded(0)
        except RecursionError as e:
            print("recursion", type(e).__name__)


main()
