def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([4, 8, 1, 9])
print(lo, hi)
r = minmax('hello')
print(r, type(r).__name__)
x = 1, 2, 3
a, b, c = x
print(a + b + c)
pairs = [(1, 'one'), (2, 'two')]
for num, name in pairs:
    print(num, name)
(a, (b, c)), d = (1, (2, 3)), 4
print(a, b, c, d)
print(*x)
print(*x, sep='-')
t = (*x, *x)
print(t)
