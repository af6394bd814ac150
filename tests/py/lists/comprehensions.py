print([x * x for x in range(10)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[i * j for j in range(4)] for i in range(3)])
print([c.upper() for c in 'abc'], [len(w) for w in 'a bb ccc'.split()])
x = 'outer'
r = [x for x in range(3)]
print(x, r)
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([v if v > 2 else -v for v in range(5)])
n = 5
print([n * k for k in range(n)])
