print(list(), list([1]), list((1, 2)), list('ab'), list(range(2)), list({1: 'a'}), list({5}))
print(tuple(), tuple([1]), tuple('ab'))
print(dict(), dict(a=1), dict([('x', 1), ('y', 2)]), dict({'k': 'v'}, z=0), dict(zip('ab', [1, 2])))
print(set(), set([1, 2, 2]), set('aaa'), set((3,)), frozenset([1, 2]) == {1, 2})
try:
    dict([1, 2])
except TypeError as e:
    print('TypeError', e)
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print('ValueError', e)
