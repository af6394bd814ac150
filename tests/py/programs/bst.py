class BST:
    class Node:
        def __init__(self, key, val):
            self.key, self.val = key, val
            self.left = self.right = None
    def __init__(self):
        self.root = None
        self.size = 0
    def insert(self, key, val):
        if self.root is None:
            self.root = BST.Node(key, val); self.size += 1; return
        n = self.root
        while True:
            if key == n.key:
                n.val = val; return
            side = 'left' if key < n.key else 'right'
            child = getattr(n, side)
            if child is None:
                setattr(n, side, BST.Node(key, val)); self.size += 1; return
            n = child
    def get(self, key, default=None):
        n = self.root
        while n:
            if key == n.key:
                return n.val
            n = n.left if key < n.key else n.right
        return default
    def items(self):
        out = []
        def walk(n):
            if n:
                walk(n.left); out.append((n.key, n.val)); walk(n.right)
        walk(self.root)
        return out
    def height(self):
        def h(n):
            return 0 if n is None else 1 + max(h(n.left), h(n.right))
        return h(self.root)
    def delete(self, key):
        def rm(n, key):
            if n is None:
                raise KeyError(key)
            if key < n.key:
                n.left = rm(n.left, key)
            elif key > n.key:
                n.right = rm(n.right, key)
            else:
                if n.left is None:
                    return n.right
                if n.right is None:
                    return n.left
                s = n.right
                while s.left:
                    s = s.left
                n.key, n.val = s.key, s.val
                n.right = rm(n.right, s.key)
            return n
        self.root = rm(self.root, key)
        self.size -= 1
    def __len__(self):
        return self.size
    def __contains__(self, key):
        return self.get(key, self) is not self
t = BST()
seed = 7
for i in range(200):
    seed = (seed * 75 + 74) % 65537
    t.insert(seed % 500, i)
print(len(t), t.height(), t.items()[:5], t.get(123), 123 in t, t.get(-1, 'none'))
for k in [t.items()[0][0], t.items()[10][0], t.root.key]:
    t.delete(k)
print(len(t), t.items()[:5])
keys = [k for k, _ in t.items()]
print(keys == sorted(keys))
try:
    t.delete(10000)
except KeyError as e:
    print('KeyError', e)
