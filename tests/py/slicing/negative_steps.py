a = list(range(10))
print(a[::-1], a[::-2], a[8:2:-1], a[8:2:-3], a[-1:-4:-1], a[2:8:-1], a[:5:-1], a[5::-1])
s = 'Hello, World'
print(s[::-1], s[-1::-2], s[5:0:-1], s[:-6:-1])
print(list(range(20))[15:3:-4], (1, 2, 3, 4)[::-1])
for step in [1, 2, 3, -1, -2, -3]:
    print(step, a[::step], a[1:9:step], a[9:1:step])
try:
    a[::0]
except ValueError as e:
    print("ValueError", e)
