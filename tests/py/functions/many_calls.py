def add3(a, b, c):
    return a + b + c
def kw(a, b=1, *, c=2):
    return a * b + c
total = 0
for i in range(200000):
    total += add3(i, 1, 2)
    total -= kw(i, b=2, c=1) - i
print(total)
def mk():
    return [1, 2, 3]
s = 0
for i in range(50000):
    s += len(mk())
print(s)
