class Node:
    def __init__(self, v, child=None):
        self.v, self.child = v, child
    def total(self):
        return self.v + self.child.total()
chain = Node(1, Node(2, Node(3)))
print('computing')
print(chain.total())
