d = {}
d[1] = 'int'
d[1.0] = 'float overwrites'
d[True] = 'bool overwrites'
print(d)
d[(1, 2)] = 'tuple'
d[None] = 'none'
d['1'] = 'str'
d[frozenset([1])] = 'fs'
print(len(d), d[1], d[None], d['1'], d[frozenset({1})])
for bad in [[1], {1: 2}, {1}]:
    try:
        d[bad] = 0
    except TypeError as e:
        print("TypeError", e)
class K:
    def __init__(self, v): self.v = v
    def __hash__(self): return hash(self.v)
    def __eq__(self, o): return isinstance(o, K) and o.v == self.v
d2 = {K(1): 'a', K(2): 'b'}
print(d2[K(1)], K(3) in d2, len(d2))
