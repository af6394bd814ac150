a = [4, -2, 7, 0, 7, 3]
print(len(a), sum(a), min(a), max(a), sorted(a), list(reversed(a)))
print(list(enumerate(a, 1)))
print(list(zip(a, 'abcdef')), list(zip(a, [1, 2])))
print(list(map(abs, a)), list(filter(lambda x: x > 2, a)), list(filter(None, a)))
print(any(a), all(a), a.index(7), a.count(7))
print(list(range(5)), list('hi'), list((1, 2)), list({'a': 1, 'b': 2}))
print(sum([[1], [2, 3]], []), sum([0.5, 0.25], 10))
print(max(a, key=lambda v: -v), min([], default='empty'), max([[1, 2], [3]], key=len))
