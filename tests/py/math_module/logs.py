import math
print(math.log(1), math.log(math.e), math.log(100, 10), math.log10(1000), math.log2(1024), math.log2(3))
print(math.log(8, 2), math.log10(2), math.log1p(0), math.log(10))
print(math.log(2 ** 1000) / math.log(2))
try:
    math.log(0)
except ValueError as e:
    print('ValueError', e)
try:
    math.log(-1)
except ValueError as e:
    print('ValueError', e)
