total = 0.0
for i in range(1, 1001):
    total += 1.0 / i
print(total)
s = 0.0
for i in range(10):
    s += 0.1
print(s, s == 1.0)
x = 1.0
for i in range(60):
    x /= 2
print(x, x * 2 ** 60)
y = 1.0
while y + 1.0 != y:
    y *= 2
print(y)
acc = 1.0
for i in range(1, 30):
    acc *= i
print(acc)
pi = 0.0
for k in range(2000):
    pi += (-1.0) ** k / (2 * k + 1)
print(pi * 4)
