a = {'x': 1, 'y': 2}
b = {'y': 2, 'x': 1}
print(a == b, a != b, a == {'x': 1}, {} == {})
print(a.keys() == b.keys(), a.keys() == {'x', 'y'}, a.items() == b.items())
print(sorted(a.keys() & {'x', 'z'}), sorted(a.keys() | {'z'}), sorted(a.keys() - {'x'}))
k = a.keys()
a['z'] = 3
print(len(k), sorted(k))
print(list(a.values()) == [1, 2, 3])
