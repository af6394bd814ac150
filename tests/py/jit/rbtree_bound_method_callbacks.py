# A red-black tree (insert, delete, in-order walk with a callback) whose for_each callback is a
# bound method of another object (tree.for_each(other.remove)), a fresh closure, a lambda, or one
# taken from a list (issue 11: a segfault after an aborted side trace of the calling trace).
RED = 0
BLACK = 1


class Node:
    def __init__(self, key, value):
        self.key = key
        self.value = value
        self.left = None
        self.right = None
        self.parent = None
        self.color = RED

    def successor(self):
        x = self
        if x.right is not None:
            return tree_minimum(x.right)
        y = x.parent
        while y is not None and x is y.right:
            x = y
            y = y.parent
        return y


def tree_minimum(x):
    while x.left is not None:
        x = x.left
    return x


class RedBlackTree:
    def __init__(self):
        self.root = None
        self.size = 0

    def get(self, key):
        node = self.find_node(key)
        return None if node is None else node.value

    def find_node(self, key):
        current = self.root
        while current is not None:
            if key == current.key:
                return current
            current = current.left if key < current.key else current.right
        return None

    def put(self, key, value):
        x = self.tree_insert(key, value)
        if x is None:
            return
        self.size += 1
        while x is not self.root and x.parent.color == RED:
            if x.parent is x.parent.parent.left:
                y = x.parent.parent.right
                if y is not None and y.color == RED:
                    x.parent.color = BLACK
                    y.color = BLACK
                    x.parent.parent.color = RED
                    x = x.parent.parent
                else:
                    if x is x.parent.right:
                        x = x.parent
                        self.left_rotate(x)
                    x.parent.color = BLACK
                    x.parent.parent.color = RED
                    self.right_rotate(x.parent.parent)
            else:
                y = x.parent.parent.left
                if y is not None and y.color == RED:
                    x.parent.color = BLACK
                    y.color = BLACK
                    x.parent.parent.color = RED
                    x = x.parent.parent
                else:
                    if x is x.parent.left:
                        x = x.parent
                        self.right_rotate(x)
                    x.parent.color = BLACK
                    x.parent.parent.color = RED
                    self.left_rotate(x.parent.parent)
        self.root.color = BLACK

    def tree_insert(self, key, value):
        y = None
        x = self.root
        while x is not None:
            y = x
            if key == x.key:
                x.value = value
                return None
            x = x.left if key < x.key else x.right
        z = Node(key, value)
        z.parent = y
        if y is None:
            self.root = z
        elif key < y.key:
            y.left = z
        else:
            y.right = z
        return z

    def left_rotate(self, x):
        y = x.right
        x.right = y.left
        if y.left is not None:
            y.left.parent = x
        y.parent = x.parent
        if x.parent is None:
            self.root = y
        elif x is x.parent.left:
            x.parent.left = y
        else:
            x.parent.right = y
        y.left = x
        x.parent = y
        return y

    def right_rotate(self, y):
        x = y.left
        y.left = x.right
        if x.right is not None:
            x.right.parent = y
        x.parent = y.parent
        if y.parent is None:
            self.root = x
        elif y is y.parent.left:
            y.parent.left = x
        else:
            y.parent.right = x
        x.right = y
        y.parent = x
        return x

    def remove(self, key, value=None):
        z = self.find_node(key)
        if z is None:
            return None
        self.size -= 1
        if z.left is None or z.right is None:
            y = z
        else:
            y = z.successor()
        x = y.left if y.left is not None else y.right
        if x is not None:
            x.parent = y.parent
            x_parent = y.parent
        else:
            x_parent = y.parent
        if y.parent is None:
            self.root = x
        elif y is y.parent.left:
            y.parent.left = x
        else:
            y.parent.right = x
        if y is not z:
            if y.color == BLACK:
                self.remove_fixup(x, x_parent)
            y.parent = z.parent
            y.color = z.color
            y.left = z.left
            y.right = z.right
            if z.left is not None:
                z.left.parent = y
            if z.right is not None:
                z.right.parent = y
            if z.parent is not None:
                if z.parent.left is z:
                    z.parent.left = y
                else:
                    z.parent.right = y
            else:
                self.root = y
        elif y.color == BLACK:
            self.remove_fixup(x, x_parent)
        return z.value

    def remove_fixup(self, x, x_parent):
        while x is not self.root and (x is None or x.color == BLACK):
            if x is x_parent.left:
                w = x_parent.right
                if w.color == RED:
                    w.color = BLACK
                    x_parent.color = RED
                    self.left_rotate(x_parent)
                    w = x_parent.right
                if (w.left is None or w.left.color == BLACK) and (w.right is None or w.right.color == BLACK):
                    w.color = RED
                    x = x_parent
                    x_parent = x.parent
                else:
                    if w.right is None or w.right.color == BLACK:
                        w.left.color = BLACK
                        w.color = RED
                        self.right_rotate(w)
                        w = x_parent.right
                    w.color = x_parent.color
                    x_parent.color = BLACK
                    if w.right is not None:
                        w.right.color = BLACK
                    self.left_rotate(x_parent)
                    x = self.root
                    x_parent = x.parent
            else:
                w = x_parent.left
                if w.color == RED:
                    w.color = BLACK
                    x_parent.color = RED
                    self.right_rotate(x_parent)
                    w = x_parent.left
                if (w.right is None or w.right.color == BLACK) and (w.left is None or w.left.color == BLACK):
                    w.color = RED
                    x = x_parent
                    x_parent = x.parent
                else:
                    if w.left is None or w.left.color == BLACK:
                        w.right.color = BLACK
                        w.color = RED
                        self.left_rotate(w)
                        w = x_parent.left
                    w.color = x_parent.color
                    x_parent.color = BLACK
                    if w.left is not None:
                        w.left.color = BLACK
                    self.right_rotate(x_parent)
                    x = self.root
                    x_parent = x.parent
        if x is not None:
            x.color = BLACK

    def for_each(self, fn):
        if self.root is None:
            return
        current = tree_minimum(self.root)
        while current is not None:
            fn(current.key, current.value)
            current = current.successor()


class Collector:
    def __init__(self):
        self.keys = []
        self.total = 0

    def add(self, key, value):
        self.keys.append(key)
        self.total += value


class Remover:
    def __init__(self, tree):
        self.tree = tree
        self.removed = 0

    def remove(self, key, value):
        if key % 3 == 0:
            self.tree.remove(key)
            self.removed += 1


def check(node):
    # Returns the black height; checks the red-black properties.
    if node is None:
        return 1
    if node.color == RED:
        if (node.left is not None and node.left.color == RED) or (node.right is not None and node.right.color == RED):
            raise ValueError("red node with red child")
    lh = check(node.left)
    rh = check(node.right)
    if lh != rh:
        raise ValueError("black heights differ")
    return lh + (1 if node.color == BLACK else 0)


class Counter:
    def __init__(self):
        self.n = 0
        self.s = 0

    def visit(self, key, value):
        self.n += 1
        self.s += key * value % 7


def make_adder(acc):
    def add(key, value):
        acc[0] += key - value
    return add


checksum = 0
for rnd in range(8):
    tree = RedBlackTree()
    seed = 777 + rnd
    for i in range(2000):
        seed = (seed * 1103515245 + 12345) % 2147483648
        tree.put(seed % 5000, i)
    acc = [0]
    tree.for_each(make_adder(acc))
    tree.for_each(lambda k, v: acc.__setitem__(0, acc[0] + 1) if False else None)
    c = Counter()
    tree.for_each(c.visit)
    other = RedBlackTree()
    tree.for_each(other.put)
    rem = Remover(other)
    tree.for_each(rem.remove)
    tree.for_each(other.remove)
    c2 = Counter()
    other.for_each(c2.visit)
    fns = [c.visit, make_adder(acc), Remover(tree).remove, c2.visit]
    for j in range(len(fns)):
        tree.for_each(fns[j])
    checksum += acc[0] % 1000 + c.n + c.s + other.size + c2.n + tree.size
    print(rnd, acc[0], c.n, c.s, other.size, c2.n, tree.size)
print("checksum", checksum)
