# AttributeError in an attribute chain x.y.z, with a suggestion.
class Node:
    def __init__(self):
        self.value = 1
        self.child = None


class Tree:
    def __init__(self):
        self.root = Node()


t = Tree()
print(t.root.value)
print(t.root.valeu + 1)
