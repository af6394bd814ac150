class Bag:
    def __init__(self, items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
class Flag:
    def __init__(self, on):
        self.on = on
    def __bool__(self):
        return self.on
for o in [Bag([]), Bag([1]), Flag(False), Flag(True)]:
    print(type(o).__name__, bool(o), 'truthy' if o else 'falsy', not o)
print(len(Bag('abc')))
class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print('ValueError', e)
