# Operator tokens, including augmented assignments
a = 17
b = 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(a & b, a | b, a ^ b, ~a, a << 2, a >> 1)
print(a < b, a > b, a <= b, a >= b, a == b, a != b)
x = 10
x += 1; print(x)
x -= 2; print(x)
x *= 3; print(x)
x //= 2; print(x)
x %= 7; print(x)
x **= 3; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x &= 0xff; print(x)
x |= 0x100; print(x)
x ^= 0x1; print(x)
y = 7.0
y /= 2; print(y)
print(-a, +a, not a)
print(1 if a else 2)
print([1,2,3][-1], (1,)[0], {1:2}[1])
