# binary_trees: allocate and walk complete binary trees (the classic GC benchmark shape): trees
# of tuples built recursively, checked recursively, a long-lived tree kept across iterations,
# plus trees of small objects with a method-based check.
# quick-arg: 10
import sys


def make(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make(depth), make(depth))


def check(node):
    left, right = node
    if left is None:
        return 1
    return 1 + check(left) + check(right)


class TreeNode:
    def __init__(self, left, right, item):
        self.left = left
        self.right = right
        self.item = item

    def check(self):
        if self.left is None:
            return self.item
        return self.item + self.left.check() - self.right.check()


def make_obj(item, depth):
    if depth == 0:
        return TreeNode(None, None, item)
    return TreeNode(make_obj(2 * item - 1, depth - 1), make_obj(2 * item, depth - 1), item)


def main(max_depth):
    min_depth = 4
    stretch = max_depth + 1
    print("stretch tree of depth %d\t check: %d" % (stretch, check(make(stretch))))
    long_lived = make(max_depth)
    checksum = 0
    for depth in range(min_depth, max_depth + 1, 2):
        iterations = 2 ** (max_depth - depth + min_depth)
        total = 0
        objs = 0
        for i in range(1, iterations + 1):
            total += check(make(depth))
            if i % 4 == 0:
                objs += make_obj(i, depth - 2).check()
        checksum = (checksum * 31 + total + objs) % 1000003
        print("%d\t trees of depth %d\t check: %d %d" % (iterations, depth, total, objs))
    print("long lived tree of depth %d\t check: %d" % (max_depth, check(long_lived)))
    print("checksum", checksum)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
