import math
for v in [2.5, -2.5, 3.0, -0.1, 0.9999, 1e20, -7.5]:
    print(v, math.floor(v), math.ceil(v), math.trunc(v), type(math.floor(v)).__name__)
print(math.floor(5), math.ceil(-5), math.floor(10 ** 30))
print(math.fabs(-3), math.fabs(2.5), math.copysign(3, -0.0), math.copysign(-2, 1))
print(math.fmod(7, 3), math.fmod(-7, 3), -7 % 3, math.modf(3.75), math.modf(-2.5))
