a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
x, y = 0, 1
for _ in range(15):
    x, y = y, x + y
print(x, y)
lst = [5, 1, 4]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
i = 0
arr = [10, 20, 30]
i, arr[i] = 1, 99
print(i, arr)
