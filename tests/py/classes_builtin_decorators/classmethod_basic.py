class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def from_string(cls, s):
        y, m, d = [int(p) for p in s.split('-')]
        return cls(y, m, d)
    @classmethod
    def kind(cls):
        return cls.__name__
    def __repr__(self):
        return '%s(%d, %d, %d)' % (type(self).__name__, self.y, self.m, self.d)
class MyDate(Date):
    pass
print(Date.from_string('2024-01-31'), MyDate.from_string('1999-12-01'))
print(Date.kind(), MyDate.kind(), MyDate(1, 2, 3).kind())
class Registry:
    items = []
    @classmethod
    def register(cls, x):
        cls.items.append(x)
        return len(cls.items)
print(Registry.register('a'), Registry.register('b'), Registry.items)
