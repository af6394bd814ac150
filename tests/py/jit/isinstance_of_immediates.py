# isinstance() of None, True and False inside a trace: these values are immediates, not heap
# objects, so the trace must not record them among the objects it keeps alive (the collector
# scans those; a bool's bits taken for an address crashed it). The collector runs while the
# traces exist, from the main loop and from a generator resumed by the loop.
import gc


class Node:
    def __init__(self, v):
        self.v = v


def count(xs, cls):
    n = 0
    for x in xs:
        if isinstance(x, cls):
            n += 1
        junk = [Node(i) for i in range(3)]
    return n


values = [True, False, None, 3, 2.5, "s", Node(1)]
for cls in (int, bool, object, float, str, Node, type(None)):
    for rounds in range(3):
        xs = [values[(i * 5 + rounds) % len(values)] for i in range(60)]
        print(cls.__name__, rounds, count(xs, cls))
        gc.collect()


def flags(n):
    for i in range(n):
        yield i % 3 == 0
        yield None


total = 0
for f in flags(400):
    if isinstance(f, bool):
        total += 1 if f else 2
    if total % 50 == 0:
        gc.collect()
print("total", total)
gc.collect()
print("done")
