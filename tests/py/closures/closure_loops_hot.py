def make_scale(k):
    def scale(x):
        return x * k
    return scale
fs = [make_scale(k) for k in range(1, 6)]
total = 0
for i in range(100000):
    total += fs[i % 5](i)
print(total)
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
for _ in range(123456):
    c()
print(c())
