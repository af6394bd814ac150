class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, x):
        self.items.append(x)
        return self
    def __add__(self, x):
        n = Acc()
        n.items = self.items + [x]
        return n
a = Acc()
b = a
a += 1
a += 2
print(a.items, a is b)
c = a + 3
print(c.items, a.items, c is a)
class NoIadd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return NoIadd(self.v + o)
n = NoIadd(1)
m = n
n += 5
print(n.v, m.v, n is m)
lst = [1]
alias = lst
lst += [2]
print(alias)
t = (1,)
talias = t
t += (2,)
print(t, talias)
