print({5, 3, 1, 4, 2}, {10, 0, 7}, set(range(10)), {8, 3, 1})
s = set()
for i in [9, 3, 7, 1, 5]:
    s.add(i)
print(s, list(s), sorted(s))
print(set([3, 3, 2, 2, 1]), {x % 5 for x in range(20)})
