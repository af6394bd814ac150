print(1 << 0, 1 << 1, 1 << 62, 1 << 63, 1 << 64, 1 << 200)
print((1 << 200) >> 190, (1 << 200) >> 300)
print(-1 >> 1, -1 >> 100, -8 >> 1, -9 >> 2)
print(-1 << 70, (-1 << 70) >> 69)
print(12345678901234567890 >> 10, 12345678901234567890 << 3)
print(255 >> 4, 0 << 100, 0 >> 5)
try:
    print(1 << -1)
except ValueError as e:
    print("ValueError", e)
try:
    print(1 >> -1)
except ValueError as e:
    print("ValueError", e)
