print(2.0 ** 10, 2 ** 0.5, 9 ** 0.5, 10.0 ** -2, 0.5 ** 3)
print((-8.0) ** 3, 1.0 ** 1e10, 0.0 ** 0, 4 ** 0.5 == 2.0)
print(1.1 ** 20, 1.0001 ** 10000)
print(pow(2.0, 3), pow(10, -1), pow(2.5, 2))
try:
    print(0.0 ** -1)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    print(10.0 ** 400)
except OverflowError as e:
    print("OverflowError")
