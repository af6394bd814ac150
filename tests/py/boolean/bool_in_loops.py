flags = [i % 3 == 0 for i in range(12)]
print(flags)
print(any(flags), all(flags), sum(flags), flags.count(True))
found = False
for i in range(100):
    if i * i > 500:
        found = True
        break
print(found, i)
done = False
n = 0
while not done:
    n += 1
    done = n >= 7
print(n, done)
toggle = True
out = []
for i in range(6):
    out.append(toggle)
    toggle = not toggle
print(out)
