class Counter:
    instances = 0
    label = 'ctr'
    def __init__(self):
        Counter.instances += 1
        self.id = Counter.instances
a, b, c = Counter(), Counter(), Counter()
print(Counter.instances, a.instances, c.id)
a.label = 'mine'
print(a.label, b.label, Counter.label)
Counter.label = 'changed'
print(a.label, b.label)
del a.label
print(a.label)
class Shared:
    items = []
    def add(self, x):
        self.items.append(x)
s1, s2 = Shared(), Shared()
s1.add(1); s2.add(2)
print(Shared.items, s1.items is s2.items)
