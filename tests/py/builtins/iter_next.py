it = iter([10, 20, 30])
print(next(it))
for v in it:
    print('loop', v)
print(next(it, 'end'))
s = iter('ab')
print(next(s), next(s), next(s, None))
d = iter({'x': 1, 'y': 2})
print(list(d))
r = iter(range(3))
print(iter(r) is r, list(r))
class Counter:
    def __init__(self):
        self.n = 0
    def __call__(self):
        self.n += 1
        return self.n
print(list(iter(Counter(), 4)))
try:
    next(iter([]))
except StopIteration as e:
    print('StopIteration', repr(e))
