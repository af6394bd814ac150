for i in range(5):
    pass
print(i)
for i in range(0):
    pass
print(i)
for x, y in [(1, 2), (3, 4)]:
    pass
print(x, y)
lst = [1, 2, 3]
for v in lst:
    v *= 10
print(lst)
for idx in range(len(lst)):
    lst[idx] *= 10
print(lst)
d = {'a': 1}
for d['key'] in range(3):
    pass
print(d)
obj = [0, 0, 0]
for obj[1] in 'xy':
    pass
print(obj)
