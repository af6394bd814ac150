for v in [0.5, 1.5, 2.5, -0.5, -1.5, 0.49999999999999994, 1e16 + 1, 2.5000001]:
    print(v, round(v), round(v, 1), round(v, 0), abs(v))
for n in [15, 25, 35, -15, 150, 250]:
    print(n, round(n, -1), round(n, -2))
print(round(1.23456789, 5), round(9.999, 2), round(-9.995, 2))
