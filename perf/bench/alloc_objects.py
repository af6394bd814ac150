# alloc_objects: allocate many small short-lived instances (and a few long-lived ones).
# quick-arg: 100000
import sys


class Node:
    def __init__(self, value, nxt):
        self.value = value
        self.next = nxt


class Pair:
    def __init__(self, a, b):
        self.a = a
        self.b = b


def work(n):
    acc = 0
    keep = []
    for i in range(n):
        p = Pair(i, i + 1)
        q = Pair(p.b, p.a)
        acc += q.a - q.b
        if i % 1000 == 0:
            keep.append(p)
    head = None
    for i in range(n):
        head = Node(i, head)
        if i % 64 == 63:
            s = 0
            node = head
            while node is not None:
                s += node.value
                node = node.next
            acc += s & 0xFFFF
            head = None
    return acc, len(keep)


def main(n):
    print(work(n))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 3600000)
