n = 50000
t = tuple(range(n))
print(len(t), t[n // 2], sum(t))
pairs = [(i, i * i) for i in range(n)]
print(pairs[-1], max(pairs, key=lambda p: p[1] % 1000))
s = 0
for a, b in pairs:
    s += b - a
print(s)
u = t + t
print(len(u), u.count(7))
