out = []
for i in range(20):
    if i % 2 == 0:
        continue
    if i > 13:
        break
    out.append(i)
print(out)
i = 0
res = []
while True:
    i += 1
    if i % 3 == 0:
        continue
    if i > 10:
        break
    res.append(i)
print(res)
for i in range(3):
    for j in range(3):
        if j == 1:
            continue
        if i == 2:
            break
        print(i, j)
