# rbtree: a red-black tree (insert with recolouring and rotations, delete with fix-up, lookups)
# keyed by ints from a hand-written LCG; in-order walks call callbacks that are bound methods of
# other objects (tree.for_each(other.remove)) and closures.
# quick-arg: 2
import sys

RED = True
BLACK = False


class Node:
    def __init__(self, key, value, nil):
        self.key = key
        self.value = value
        self.left = nil
        self.right = nil
        self.parent = nil
        self.color = RED


class Nil:
    def __init__(self):
        self.color = BLACK
        self.left = self
        self.right = self
        self.parent = self
        self.key = None
        self.value = None


class Tree:
    def __init__(self):
        self.nil = Nil()
        self.root = self.nil
        self.size = 0

    def rotate_left(self, x):
        y = x.right
        x.right = y.left
        if y.left is not self.nil:
            y.left.parent = x
        y.parent = x.parent
        if x.parent is self.nil:
            self.root = y
        elif x is x.parent.left:
            x.parent.left = y
        else:
            x.parent.right = y
        y.left = x
        x.parent = y

    def rotate_right(self, x):
        y = x.left
        x.left = y.right
        if y.right is not self.nil:
            y.right.parent = x
        y.parent = x.parent
        if x.parent is self.nil:
            self.root = y
        elif x is x.parent.right:
            x.parent.right = y
        else:
            x.parent.left = y
        y.right = x
        x.parent = y

    def find(self, key):
        n = self.root
        nil = self.nil
        while n is not nil:
            if key == n.key:
                return n
            n = n.left if key < n.key else n.right
        return None

    def get(self, key, default=0):
        n = self.find(key)
        return default if n is None else n.value

    def insert(self, key, value):
        nil = self.nil
        y = nil
        x = self.root
        while x is not nil:
            y = x
            if key == x.key:
                x.value = value
                return False
            x = x.left if key < x.key else x.right
        z = Node(key, value, nil)
        z.parent = y
        if y is nil:
            self.root = z
        elif key < y.key:
            y.left = z
        else:
            y.right = z
        self.size += 1
        self.insert_fixup(z)
        return True

    def insert_fixup(self, z):
        while z.parent.color == RED:
            p = z.parent
            g = p.parent
            if p is g.left:
                u = g.right
                if u.color == RED:
                    p.color = BLACK
                    u.color = BLACK
                    g.color = RED
                    z = g
                else:
                    if z is p.right:
                        z = p
                        self.rotate_left(z)
                        p = z.parent
                        g = p.parent
                    p.color = BLACK
                    g.color = RED
                    self.rotate_right(g)
            else:
                u = g.left
                if u.color == RED:
                    p.color = BLACK
                    u.color = BLACK
                    g.color = RED
                    z = g
                else:
                    if z is p.left:
                        z = p
                        self.rotate_right(z)
                        p = z.parent
                        g = p.parent
                    p.color = BLACK
                    g.color = RED
                    self.rotate_left(g)
        self.root.color = BLACK

    def transplant(self, u, v):
        if u.parent is self.nil:
            self.root = v
        elif u is u.parent.left:
            u.parent.left = v
        else:
            u.parent.right = v
        v.parent = u.parent

    def minimum(self, n):
        while n.left is not self.nil:
            n = n.left
        return n

    def remove(self, key):
        z = self.find(key)
        if z is None:
            return False
        nil = self.nil
        y = z
        y_color = y.color
        if z.left is nil:
            x = z.right
            self.transplant(z, z.right)
        elif z.right is nil:
            x = z.left
            self.transplant(z, z.left)
        else:
            y = self.minimum(z.right)
            y_color = y.color
            x = y.right
            if y.parent is z:
                x.parent = y
            else:
                self.transplant(y, y.right)
                y.right = z.right
                y.right.parent = y
            self.transplant(z, y)
            y.left = z.left
            y.left.parent = y
            y.color = z.color
        if y_color == BLACK:
            self.remove_fixup(x)
        self.size -= 1
        return True

    def remove_fixup(self, x):
        while x is not self.root and x.color == BLACK:
            p = x.parent
            if x is p.left:
                w = p.right
                if w.color == RED:
                    w.color = BLACK
                    p.color = RED
                    self.rotate_left(p)
                    w = p.right
                if w.left.color == BLACK and w.right.color == BLACK:
                    w.color = RED
                    x = p
                else:
                    if w.right.color == BLACK:
                        w.left.color = BLACK
                        w.color = RED
                        self.rotate_right(w)
                        w = p.right
                    w.color = p.color
                    p.color = BLACK
                    w.right.color = BLACK
                    self.rotate_left(p)
                    x = self.root
            else:
                w = p.left
                if w.color == RED:
                    w.color = BLACK
                    p.color = RED
                    self.rotate_right(p)
                    w = p.left
                if w.right.color == BLACK and w.left.color == BLACK:
                    w.color = RED
                    x = p
                else:
                    if w.left.color == BLACK:
                        w.right.color = BLACK
                        w.color = RED
                        self.rotate_left(w)
                        w = p.left
                    w.color = p.color
                    p.color = BLACK
                    w.left.color = BLACK
                    self.rotate_right(p)
                    x = self.root
        x.color = BLACK

    def for_each(self, fn):
        # iterative in-order walk; fn may not change this tree
        stack = []
        n = self.root
        nil = self.nil
        while stack or n is not nil:
            while n is not nil:
                stack.append(n)
                n = n.left
            n = stack.pop()
            fn(n.key)
            n = n.right

    def black_height(self):
        # checks the red-black invariants; returns the black height
        def walk(n):
            if n is self.nil:
                return 1
            if n.color == RED and (n.left.color == RED or n.right.color == RED):
                raise ValueError("red node with red child")
            if n.left is not self.nil and not n.left.key < n.key:
                raise ValueError("order")
            hl = walk(n.left)
            hr = walk(n.right)
            if hl != hr:
                raise ValueError("black heights differ")
            return hl + (0 if n.color == RED else 1)
        return walk(self.root)


class Rng:
    def __init__(self, seed):
        self.s = seed

    def next(self, n):
        self.s = (self.s * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.s >> 12) % n


def main(rounds):
    rng = Rng(42)
    checksum = 0
    for r in range(rounds):
        a = Tree()
        b = Tree()
        for i in range(6000):
            k = rng.next(20000)
            a.insert(k, i)
            if i % 3 == 0:
                b.insert(rng.next(20000), k)
        hits = 0
        for i in range(6000):
            hits += a.get(rng.next(20000), -1) >= 0
        total = [0]

        def add(k):
            total[0] = (total[0] + k * 7) % 1000003
        a.for_each(add)
        before = a.size
        b.for_each(a.remove)       # bound method of another tree as the callback
        removed = before - a.size
        for i in range(3000):
            a.remove(rng.next(20000))
        keys = []
        a.for_each(keys.append)
        checksum = (checksum + hits + total[0] + removed * 31 + a.size * 17 + sum(keys) % 1000003
                    + a.black_height() * 101 + b.black_height()) % 1000003
        print(r, a.size, b.size, removed, checksum)
    print("checksum", checksum)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 12)
