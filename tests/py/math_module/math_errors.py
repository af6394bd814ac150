import math
for f, a in [(math.sqrt, -4), (math.log, 0), (math.acos, 2), (math.asin, -2)]:
    try:
        f(a)
    except ValueError as e:
        print('ValueError', e)
try:
    math.exp(1000)
except OverflowError as e:
    print('OverflowError', e)
try:
    math.floor(math.inf)
except OverflowError as e:
    print('OverflowError', e)
try:
    math.floor(math.nan)
except ValueError as e:
    print('ValueError', e)
try:
    math.sqrt('x')
except TypeError as e:
    print('TypeError', e)
