class MyList(list):
    def total(self):
        return sum(self)
m = MyList([1, 2, 3])
m.append(4)
print(m, m.total(), len(m), isinstance(m, list), type(m).__name__)
class MyDict(dict):
    def get_or_len(self, k):
        return self.get(k, len(self))
d = MyDict(a=1)
d['b'] = 2
print(d, d.get_or_len('a'), d.get_or_len('zz'))
class Upper(str):
    def shout(self):
        return self.upper() + '!'
u = Upper('hey')
print(u, u.shout(), u + ' you', len(u), isinstance(u, str))
class Num(int):
    def double(self):
        return Num(self * 2)
n = Num(21)
print(n, n.double(), n + 1, type(n.double()).__name__, type(n + 1).__name__)
class MyErr(ValueError):
    pass
try:
    raise MyErr('bad value')
except ValueError as e:
    print(type(e).__name__, e, isinstance(e, Exception))
