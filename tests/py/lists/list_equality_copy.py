a = [1, [2, 3]]
b = list(a)
c = a[:]
d = a.copy()
print(a == b == c == d, a is b, b is c)
a[1].append(4)
print(b, c, d)
a[0] = 99
print(b[0], c[0], d[0])
e = [x for x in a]
print(e == a)
print([1, 2] * 0 == [], [0] * 3 == [0, 0, 0])
