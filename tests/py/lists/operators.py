a = [1, 2]
b = [3]
print(a + b, a * 3, 0 * a, [] * 5, a * -1)
c = a
c += [9]
print(a, c is a)
c = c + [10]
print(a, c, c is a)
d = [[0]] * 3
d[0].append(1)
print(d)
e = [[0] for _ in range(3)]
e[0].append(1)
print(e)
m = [1, 2]
m *= 2
print(m)
print([1, 2] < [1, 3], [1, 2, 3] > [1, 2], len([[], [], []]))
try:
    [1] + (2,)
except TypeError as e:
    print("TypeError", e)
