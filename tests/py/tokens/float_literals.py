# Float literals
print(1.0, 1., .5, 0.0, 1e3, 1E3, 1e-3, 1.5e+2, 1_000.000_1)
print(3.14159, 2.5e-10, 6.02e23, 1e100, 1e-100)
print(0e0, 00.5, 1_0e1_0)
print(.1 + .2)
print(type(1e3).__name__, type(.5).__name__)
print(1e308 * 10, -1e308 * 10)
print(123456789.123456789)
print(5e-324, 1.7976931348623157e308)
