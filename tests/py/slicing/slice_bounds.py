a = [0, 1, 2, 3, 4]
for lo in [-7, -5, -1, 0, 2, 5, 7, None]:
    row = []
    for hi in [-7, -1, 0, 3, 5, 9, None]:
        row.append(len(a[lo:hi]))
    print(lo, row)
print(a[10 ** 20:], a[-(10 ** 20):2], a[True:], a[:False])
