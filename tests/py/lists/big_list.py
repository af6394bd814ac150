n = 100000
a = list(range(n))
print(len(a), a[-1], sum(a))
b = [x * 2 for x in a if x % 7 == 0]
print(len(b), b[:5], b[-1])
a.reverse()
print(a[:3])
a.sort()
print(a[:3], a[-3:])
c = []
for i in range(n):
    c.append(i % 100)
print(c.count(42), max(c), min(c))
del c[::2]
print(len(c))
