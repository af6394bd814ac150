a = [[1], [2], [3]]
b = a[:]
print(a is b, a[0] is b[0])
b[0].append(9)
b[1] = 'new'
print(a, b)
s = 'abc'
print(s[:] == s)
t = (1, 2)
print(t[:] == t)
