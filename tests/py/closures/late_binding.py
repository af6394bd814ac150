fs = []
for i in range(4):
    fs.append(lambda: i)
print([f() for f in fs])
fs2 = []
for i in range(4):
    fs2.append(lambda i=i: i)
print([f() for f in fs2])
def make(n):
    return lambda: n
fs3 = [make(i) for i in range(4)]
print([f() for f in fs3])
fs4 = [lambda: j for j in range(3)]
print([f() for f in fs4])
x = 1
g = lambda: x
x = 2
print(g())
