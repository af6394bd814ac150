a = list(range(10))
print(a[2:5], a[:3], a[7:], a[:], a[-3:], a[:-3], a[-5:-2], a[5:2], a[100:], a[-100:2])
s = 'abcdefghij'
print(s[2:5], s[:3], s[7:], s[-3:], s[::2], s[1::3], s[:0], s[3:3])
t = tuple(a)
print(t[1:4], t[::3], t[8:20])
