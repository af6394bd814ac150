d = {}
for k in ['zeta', 'alpha', 'mid', 'beta']:
    d[k] = len(k)
print(d, list(d))
d['alpha'] = 99
print(list(d))
del d['zeta']
d['zeta'] = 0
print(list(d))
print({3: 'c', 1: 'a', 2: 'b'})
x = dict(b=1, a=2)
print(x)
print(dict([(5, 'e'), (4, 'd')]), dict(zip('xyz', range(3))))
