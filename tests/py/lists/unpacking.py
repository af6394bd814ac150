a, b, c = [1, 2, 3]
print(a, b, c)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = 'abcd'
print(init, last)
x, *mid, y = range(6)
print(x, mid, y)
p, *q = [1]
print(p, q)
(m, n), k = [1, 2], 3
print(m, n, k)
a, b = b, a
print(a, b)
print([*range(3), *'ab', *[9]])
for i, (u, v) in enumerate([(1, 2), (3, 4)]):
    print(i, u, v)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError", e)
