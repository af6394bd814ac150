class Node:
    def __init__(self, val, nxt=None):
        self.val = val
        self.next = nxt
head = None
for v in range(5):
    head = Node(v, head)
vals = []
n = head
while n:
    vals.append(n.val)
    n = n.next
print(vals)
class Tree:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = list(kids)
    def total(self):
        return self.v + sum([k.total() for k in self.kids])
    def depth(self):
        return 1 + max([k.depth() for k in self.kids], default=0)
t = Tree(1, [Tree(2, [Tree(4)]), Tree(3, [Tree(5, [Tree(6)])])])
print(t.total(), t.depth())
