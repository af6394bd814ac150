class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return CountdownIter(self.n)
class CountdownIter:
    def __init__(self, n):
        self.cur = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.cur <= 0:
            raise StopIteration
        self.cur -= 1
        return self.cur + 1
c = Countdown(5)
print(list(c), list(c), sum(c), max(c), sorted(c))
it = iter(c)
print(next(it), next(it), next(it, 'x'), list(it), next(it, 'done'))
for a, b in zip(Countdown(3), Countdown(10)):
    print(a, b)
print([x * 2 for x in Countdown(4)], 3 in Countdown(4), dict(zip('abc', Countdown(3))))
try:
    next(iter(Countdown(0)))
except StopIteration:
    print('StopIteration raised')
