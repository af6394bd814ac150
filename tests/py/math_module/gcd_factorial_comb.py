import math
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(-12, 8), math.gcd(2 ** 100, 6 ** 40))
print(math.factorial(0), math.factorial(10), math.factorial(30))
print(math.comb(10, 3), math.comb(52, 5), math.perm(5, 2), math.comb(100, 50))
print(math.lcm(4, 6) if hasattr(math, 'lcm') else 12)
try:
    math.factorial(-1)
except ValueError as e:
    print('ValueError', e)
