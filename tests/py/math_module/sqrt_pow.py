import math
print(math.sqrt(16), math.sqrt(2), math.sqrt(0), math.sqrt(1e100), math.isqrt(17), math.isqrt(10 ** 40))
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(10, -2), math.pow(4, 0.5))
print(math.exp(0), math.exp(1), math.exp(-1), math.exp(2))
try:
    math.sqrt(-1)
except ValueError as e:
    print('ValueError', e)
try:
    math.isqrt(-1)
except ValueError as e:
    print('ValueError', e)
