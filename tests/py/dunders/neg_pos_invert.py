class N:
    def __init__(self, v): self.v = v
    def __neg__(self): return N(-self.v)
    def __pos__(self): return N(abs(self.v))
    def __invert__(self): return N(~self.v)
    def __repr__(self): return 'N(%d)' % self.v
print(-N(3), +N(-3), ~N(5), -(-N(1)))
try:
    -object()
except TypeError as e:
    print('TypeError', e)
try:
    ~1.5
except TypeError as e:
    print('TypeError', e)
