count = 0
for a in range(1, 30):
    for b in range(a, 30):
        for c in range(b, 30):
            if a * a + b * b == c * c:
                print(a, b, c)
                count += 1
print('triples', count)
found = None
for i in range(10):
    for j in range(10):
        if i * j == 42:
            found = (i, j)
            break
    if found:
        break
print(found)
table = []
i = 1
while i <= 4:
    row = []
    j = 1
    while j <= 4:
        row.append(i * j)
        j += 1
    table.append(row)
    i += 1
print(table)
