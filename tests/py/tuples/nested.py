t = ((1, 2), (3, (4, 5)), [6, 7])
print(t[1][1][0], t[2][1], len(t))
t[2].append(8)
print(t)
try:
    t[2] += [9]
except TypeError as e:
    print("TypeError", e)
print(t)
flat = []
def walk(x):
    if isinstance(x, (tuple, list)):
        for y in x:
            walk(y)
    else:
        flat.append(x)
walk(t)
print(flat)
