class L0:
    level = 0
    def depth(self):
        return self.level
    def chain(self):
        return ['L0']
def make(parent, i):
    class Sub(parent):
        level = i
        def chain(self):
            return super().chain() + ['L%d' % self_level(self, i)]
    return Sub
def self_level(obj, i):
    return i
prev = L0
for i in range(1, 30):
    prev = make(prev, i)
obj = prev()
print(obj.depth(), len(type(obj).__mro__), obj.chain()[-3:], len(obj.chain()))
print(isinstance(obj, L0), type(obj).__name__, [c.level for c in type(obj).__mro__[:-1]][:5])
