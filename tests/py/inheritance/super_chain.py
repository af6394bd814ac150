class Base:
    def __init__(self, name):
        self.name = name
        self.log = ['Base']
    def describe(self):
        return 'I am ' + self.name
class Mid(Base):
    def __init__(self, name, level):
        super().__init__(name)
        self.level = level
        self.log.append('Mid')
    def describe(self):
        return super().describe() + ' at level ' + str(self.level)
class Leaf(Mid):
    def __init__(self):
        super().__init__('leaf', 3)
        self.log.append('Leaf')
    def describe(self):
        return '[' + super().describe() + ']'
l = Leaf()
print(l.describe(), l.log)
print(Mid('m', 1).describe())
class Explicit(Base):
    def describe(self):
        return Base.describe(self) + '!'
print(Explicit('e').describe())
class TwoArg(Mid):
    def describe(self):
        return super(Mid, self).describe() + ' (skipped Mid)'
print(TwoArg('t', 9).describe())
