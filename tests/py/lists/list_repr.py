print([], [1], [1, 2], ['a', "b'c"], [None, True, 1.5], [[], [[]]])
a = [1, 2]
a.append(a)
print(a)
print(str([1.0, -0.0, 1e20]), repr(['\n']))
print(list(range(0)), [()], [{}], [set()], [frozenset()])
