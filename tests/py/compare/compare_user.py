class V:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        print("eq called")
        return isinstance(other, V) and self.n == other.n
    def __lt__(self, other):
        return self.n < other.n
    def __le__(self, other):
        return self.n <= other.n
    def __repr__(self):
        return "V(%d)" % self.n
a, b = V(1), V(2)
print(a == V(1))
print(a != b)
print(a < b, b > a, a <= b, b >= a)
print(sorted([V(3), V(1), V(2)]))
print(V(1) in [V(0), V(1)])
print(a == 5)
