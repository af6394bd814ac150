d = {}
for i in range(50000):
    d[i] = i * 2
print(len(d), d[49999], sum(d.values()))
for i in range(0, 50000, 2):
    del d[i]
print(len(d), d[1], 0 in d, min(d), max(d))
s = {}
for i in range(20000):
    s['k' + str(i)] = i
print(len(s), s['k12345'], 'k20000' in s)
total = 0
for k, v in s.items():
    total += v
print(total)
