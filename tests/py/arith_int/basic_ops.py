a, b = 37, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-a + b, b - a, -a * b)
print(7 / 7, 0 / 5, 1 / 3)
for x in range(-3, 4):
    print(x, x * x, x ** 3, -x, abs(x))
print(2 ** 10, 2 ** 0, 0 ** 0, 1 ** 1000)
print(10 - 20 - 30, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2)
print(100 // 7 * 7 + 100 % 7)
