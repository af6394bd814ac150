# math.sqrt/sin/cos/exp/log/floor/ceil/pow/fabs in hot loops, with domain errors (ValueError)
# and range errors (OverflowError) raised at some iterations and caught.
import math

acc = 0.0
for i in range(1, 3000):
    x = i * 0.01
    acc += math.sqrt(x) + math.sin(x) * math.cos(x) + math.log(x) + math.exp(-x)
    acc += math.pow(x, 1.5) + math.fabs(-x)
print(repr(acc))

fl = 0
for i in range(-1500, 1500):
    x = i / 3
    fl += math.floor(x) * 2 + math.ceil(x) + math.trunc(x)
print(fl, type(math.floor(2.5)).__name__, math.floor(10 ** 30), math.floor(-1e20))

# Domain errors: sqrt and log of negative numbers, log of 0, pow with a negative base.
caught = {}
for i in range(3000):
    x = 1500 - i                  # becomes negative halfway
    for name, fn in (("sqrt", math.sqrt), ("log", math.log)):
        try:
            fn(x)
        except ValueError as e:
            key = (name, str(e))
            caught[key] = caught.get(key, 0) + 1
    try:
        math.pow(x * 1.0, 0.5)
    except ValueError as e:
        caught[("pow", str(e))] = caught.get(("pow", str(e)), 0) + 1
print(sorted(caught.items()))

# Range errors: exp overflows past ~709.78, pow overflows, ints too large to convert.
over = 0
last = 0.0
for i in range(1500):
    x = i * 0.5
    try:
        last = math.exp(x)
    except OverflowError as e:
        over += 1
        msg = str(e)
print(over, repr(last), msg)

errs = []
for i in range(1200):
    try:
        if i == 500:
            math.pow(10.0, 400)
        elif i == 800:
            math.sqrt(10 ** 400)
        elif i == 1100:
            math.log(0)
        else:
            math.pow(2, i % 10)
    except (OverflowError, ValueError) as e:
        errs.append((i, type(e).__name__, str(e)))
print(errs)

# Special values and exactness.
print(math.sqrt(2 ** 100), math.log(2 ** 1000), math.log(8, 2), math.exp(0), math.pow(0.0, 0.0))
print(math.isnan(math.fmod(1.0, float("inf"))), math.hypot(3, 4), math.fsum([0.1] * 10), math.pi)
print(math.isqrt(10 ** 30 + 12345), math.gcd(2 ** 64, 6 ** 20), math.copysign(3, -0.0))
