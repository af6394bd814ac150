a = list(range(10))
a[2:5] = ['x', 'y']
print(a)
a[:0] = [-2, -1]
print(a)
a[len(a):] = [100]
print(a)
a[1:3] = []
print(a)
a[::2] = ['E'] * len(a[::2])
print(a)
b = [0, 1, 2, 3, 4, 5]
b[::-2] = 'abc'
print(b)
try:
    b[::2] = [1, 2]
except ValueError as e:
    print("ValueError", e)
c = [1, 2, 3]
c[1:2] = range(5)
print(c)
c[:] = 'xyz'
print(c)
d = [1, 2, 3]
d[5:10] = [9]
print(d)
