class Base:
    @property
    def value(self):
        return 'base value'
    @property
    def label(self):
        return 'label of ' + self.value
class Child(Base):
    @property
    def value(self):
        return 'child value / ' + super().value
print(Base().label)
print(Child().label)
class Cached:
    def __init__(self):
        self._cache = None
        self.computed = 0
    @property
    def data(self):
        if self._cache is None:
            self.computed += 1
            self._cache = [i * i for i in range(5)]
        return self._cache
c = Cached()
print(c.data, c.data, c.computed)
