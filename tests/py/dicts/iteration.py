d = {'one': 1, 'two': 2, 'three': 3}
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, '->', v)
for v in d.values():
    print(v * 10)
print(sorted(d), sorted(d.values()), sorted(d.items(), key=lambda kv: kv[1]))
print(len(d), 'one' in d, 1 in d)
try:
    for k in d:
        d[k + '!'] = 0
except RuntimeError as e:
    print("RuntimeError", e)
keys = list(d)
for k in keys:
    if k.endswith('!'):
        del d[k]
print(d)
print(list(reversed(d)) if hasattr(d, '__reversed__') else None)
