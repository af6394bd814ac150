print({}, {1: 2}, {'a': 'b'}, {'q': "it's"}, {(1,): [None]}, {1.5: {2: {}}})
d = {'self': None}
d['self'] = d
print(d)
print(str({1: 'x'}), repr({'k': 1.0}))
print(dict(), dict({'a': 1}), dict(a=1, b=[2]))
