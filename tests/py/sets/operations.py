a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.union([7], (8,)), a.intersection(range(3)), a.issubset(range(10)), a.issuperset({1}))
print({1, 2} <= a, {1, 2} < a, a < a, a <= a, a >= {4}, a > b, a.isdisjoint({9}), a.isdisjoint(b))
print(a == {4, 3, 2, 1}, a != b)
