a = b = c = []
a.append(1)
print(a, b, c, a is c)
x = y = 5
x += 1
print(x, y)
p, q = q, p = 1, 2
print(p, q)
i, j = 0, 0
for k in range(5):
    i, j = j + k, i
print(i, j)
