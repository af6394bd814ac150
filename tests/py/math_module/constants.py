import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan != math.nan)
print(math.pi * 2 == math.tau, round(math.pi, 5), round(math.e, 3))
print(type(math.pi).__name__, math.isinf(math.inf), math.isnan(math.nan))
