class P:
    def __init__(self, v):
        self.v = v
a, b = P(1), P(1)
print(a == b, a != b, a is b, a == a)
s = {a, b, a}
print(len(s))
d = {a: 'first'}
print(d.get(b, 'not found'), d[a])
print(hash(a) == hash(a))
class Q(P):
    def __eq__(self, o):
        return isinstance(o, P) and self.v == o.v
print(Q(1) == P(1), P(1) == Q(1))
try:
    hash(Q(1))
except TypeError as e:
    print("TypeError", e)
