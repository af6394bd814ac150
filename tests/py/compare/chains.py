x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6, 5 == x == 5.0)
print(1 < 2 < 3 < 4 < 5, 1 < 2 < 3 > 4)
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(0) < v(5), calls)
calls.clear()
print(v(1) < v(2) < v(3), calls)
print(3 > 2 == 2 != 1 >= 1 <= 1)
a = b = c = 3
print(a == b == c, a is b is c)
