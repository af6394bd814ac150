class Node:
    def __init__(self, v, left=None, right=None):
        self.v, self.left, self.right = v, left, right
    def height(self):
        lh = self.left.height() if self.left else 0
        rh = self.right.height() if self.right else 0
        return 1 + max(lh, rh)
    def inorder(self):
        out = []
        if self.left:
            out += self.left.inorder()
        out.append(self.v)
        if self.right:
            out += self.right.inorder()
        return out
root = None
for v in range(600):
    root = Node(v, root, None)
print(root.height(), root.inorder()[:5])
class Loop:
    def go(self):
        return self.go()
try:
    Loop().go()
except RecursionError as e:
    print("recursion", type(e).__name__)
