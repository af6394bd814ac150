class M:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        print('add', o)
        if isinstance(o, (int, M)):
            return M(self.v + (o.v if isinstance(o, M) else o))
        return NotImplemented
    def __radd__(self, o):
        print('radd', o)
        return M(self.v + o)
    def __sub__(self, o):
        return M(self.v - o)
    def __rsub__(self, o):
        return M(o - self.v)
    def __truediv__(self, o):
        return M(self.v / o)
    def __rtruediv__(self, o):
        return M(o / self.v)
    def __floordiv__(self, o):
        return M(self.v // o)
    def __mod__(self, o):
        return M(self.v % o)
    def __pow__(self, o):
        return M(self.v ** o)
    def __rpow__(self, o):
        return M(o ** self.v)
    def __repr__(self):
        return 'M(%r)' % (self.v,)
m = M(10)
print(m + 1)
print(1 + m)
print(m + M(5))
print(m - 3, 100 - m, m / 4, 5 / m, m // 3, m % 3, m ** 2, 2 ** m)
try:
    m + 'x'
except TypeError as e:
    print('TypeError', e)
print(sum([M(1), M(2)]))
