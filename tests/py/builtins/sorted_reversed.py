data = [5, -3, 2, 9, -1, 0, 7]
print(sorted(data), sorted(data, reverse=True), sorted(data, key=abs), sorted(data, key=lambda x: (x % 3, x)))
print(sorted('Hello World'), sorted('Hello World', key=str.lower))
print(sorted({3: 'c', 1: 'a'}.items()), sorted(set([3, 1, 2])), sorted((4, 2)))
r = reversed([1, 2, 3])
print(next(r), list(r))
print(list(reversed(range(0, 10, 3))), ''.join(reversed('stressed')))
recs = [{'n': 'b', 'v': 2}, {'n': 'a', 'v': 2}, {'n': 'c', 'v': 1}]
print([r['n'] for r in sorted(recs, key=lambda r: r['v'])])
try:
    reversed(5)
except TypeError as e:
    print('TypeError', e)
