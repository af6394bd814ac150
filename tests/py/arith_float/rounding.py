print(round(0.5), round(1.5), round(2.5), round(3.5), round(-0.5), round(-1.5))
print(round(2.675, 2), round(1.005, 2), round(3.14159, 3), round(-2.5), round(1234.5678, -2))
print(round(0.125, 2), round(0.375, 2), round(10.0), type(round(10.0)).__name__, type(round(10.0, 1)).__name__)
print(round(1e20), round(123.456, 1), round(123.456, 0), round(-123.456, -1))
print(round(5, 2), round(0.1 + 0.2, 10))
for v in [0.5, 1.5, 2.5, -0.5, -1.5, 4.5, 5.5]:
    print(v, round(v), int(v))
