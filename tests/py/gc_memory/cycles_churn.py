# chaipy-test: max-rss-mb=150 timeout=120
class Node:
    def __init__(self):
        self.other = None
made = 0
for i in range(1000000):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
    made += 2
print(made)
