a = list(range(12))
del a[2:4]
print(a)
del a[::3]
print(a)
del a[-2:]
print(a)
del a[::-2]
print(a)
del a[:]
print(a)
b = list('abcdefg')
del b[10:20]
del b[1:6:2]
print(b)
