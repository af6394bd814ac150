def inner(n):
    for i in range(n):
        yield i
    return 'inner done %d' % n
def outer():
    r = yield from inner(3)
    print('inner returned:', r)
    yield from 'ab'
    yield from [10, 20]
print(list(outer()))
def flatten(x):
    if isinstance(x, list):
        for y in x:
            yield from flatten(y)
    else:
        yield x
print(list(flatten([1, [2, [3, [4, 5]], 6], [[7]]])))
def tree(d):
    if d == 0:
        yield 'leaf'
        return
    yield from tree(d - 1)
    yield 'node%d' % d
    yield from tree(d - 1)
print(list(tree(3)))
