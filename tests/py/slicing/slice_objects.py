sl = slice(1, 8, 2)
a = list(range(10))
print(a[sl], sl.start, sl.stop, sl.step, slice(5), slice(1, 2), slice(None, None, -1))
print('abcdefghij'[slice(None, None, -3)], (1, 2, 3)[slice(1, None)])
print(sl.indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
a[slice(0, 2)] = ['z']
print(a)
print(slice(1, 2) == slice(1, 2), repr(slice(1, None, None)))
class S:
    def __getitem__(self, k):
        return repr(k)
s = S()
print(s[1:2], s[::3], s[1:2, 3], s[:], s[..., 1])
