for v in [3.7, -3.7, 0.9999, -0.0001, 1e10 + 0.5, 2.5, -2.5, 1e19]:
    print(v, int(v))
print(int(123456789.99), int(-1e-300))
print(float(7), float(-3), float(True), float(0))
print(int(float(10 ** 15)), int(2.0 ** 63), int(2.0 ** 64))
