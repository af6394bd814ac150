t = tuple(range(1, 11))
total = 0
for v in t:
    total += v
print(total, sum(t), len(t))
print(list(zip(t, t[1:]))[:3])
print(list(enumerate(t))[-1])
print(sorted(t, reverse=True)[:3], tuple(reversed(t))[:3])
print(tuple(map(lambda v: v * v, t)))
print(tuple(filter(lambda v: v % 3 == 0, t)))
it = iter(t)
print(next(it), next(it), list(it)[:2])
