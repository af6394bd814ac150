def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count_up(5)), sum(count_up(101)))
g = count_up(3)
print(type(g).__name__, next(g), next(g), next(g), next(g, 'exhausted'))
def evens():
    for x in range(10):
        if x % 2 == 0:
            yield x
print([e * e for e in evens()])
def trace():
    print('start')
    yield 1
    print('middle')
    yield 2
    print('end')
for v in trace():
    print('got', v)
