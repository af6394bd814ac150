print(3 in [1, 2, 3], 4 not in [1, 2, 3], 'a' in 'abc', 'bc' in 'abcd', '' in 'x')
print(1 in (1, 2), 2 in {1: 'a', 2: 'b'}, 'b' in {1: 'a', 2: 'b'}, 3 in {3, 4})
print(5 in range(10), 10 in range(10), 4 in range(0, 10, 2), 5 in range(0, 10, 2), -1 in range(-5, 0))
print(1.0 in [1], True in [1], (1, 2) in [(1, 2), (3, 4)], [1] in [[1], [2]])
d = {'k': 1}
print('k' in d.keys(), 1 in d.values(), ('k', 1) in d.items())
print(not 3 in [3], not (3 in [3]))
class C:
    def __contains__(self, x):
        return x % 2 == 0
print(4 in C(), 5 in C(), 5 not in C())
