count = 0
for i in range(-50, 50):
    for j in range(-5, 5):
        if i < j:
            count += 1
        if i == j:
            count += 100
        if i >= j * 3:
            count += 7
print(count)
vals = [3, -1, 4.5, 1, -5.5, 9, 2, 6, 5, 3]
lo = hi = vals[0]
for v in vals:
    if v < lo:
        lo = v
    if v > hi:
        hi = v
print(lo, hi)
print(len([x for x in range(1000) if 100 <= x < 200 or x == 999]))
