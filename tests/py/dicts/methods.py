d = {'a': 1, 'b': 2}
print(d.keys(), d.values(), d.items())
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.get('a'), d.get('z'), d.get('z', 0))
print(d.setdefault('c', 3), d.setdefault('a', 100), d)
print(d.pop('b'), d.pop('zz', 'dflt'), d)
d.update({'x': 9, 'a': 0})
d.update(y=8)
d.update([('p', 1)])
print(d)
print(d.popitem(), d)
e = d.copy()
e['new'] = 1
print(len(d), len(e))
e.clear()
print(e)
print(dict.fromkeys('abc'), dict.fromkeys([1, 2], 0))
try:
    d.pop('missing')
except KeyError as ex:
    print("KeyError", ex)
try:
    {}.popitem()
except KeyError as ex:
    print("KeyError", ex)
