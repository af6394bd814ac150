from math import sqrt, pi, floor
import math as m
print(sqrt(81), round(pi, 2), floor(2.7), m.ceil(2.1))
from math import *
print(factorial(6), gcd(21, 14), e > 2.7)
