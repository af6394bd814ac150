a = list(range(10))
print(a[0], a[-1], a[5], a[-10])
a[0] = 'zero'
a[-1] = 'nine'
print(a)
for i in [10, -11]:
    try:
        a[i]
    except IndexError as e:
        print("IndexError", e)
try:
    a[10] = 1
except IndexError as e:
    print("IndexError", e)
try:
    a['x']
except TypeError as e:
    print("TypeError", e)
del a[0]
del a[-1]
print(a)
nested = [[1, [2, [3, [4]]]]]
print(nested[0][1][1][1][0])
print(a[True], a[False])
