# Objects constructed in a hot loop (__init__ with defaults, super().__init__), method calls
# (bound methods stored in variables, methods calling methods), and __init__ raising mid-loop.
class Vec:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def norm1(self):
        return abs(self.x) + abs(self.y)

    def scaled_norm(self, k):
        return self.norm1() * k


class Vec3(Vec):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

    def norm1(self):
        return Vec.norm1(self) + abs(self.z)


acc = Vec(0, 0)
d = 0
for i in range(3000):
    v = Vec(i % 11 - 5, (i * 7) % 13 - 6)
    acc = acc.add(v)
    d += v.dot(acc) + v.scaled_norm(2)
print(acc.x, acc.y, d)

n = 0
objs = []
for i in range(2000):
    o = Vec3(i, -i, i % 3) if i % 4 == 0 else Vec(i, 1)
    n += o.scaled_norm(3)
    if i % 200 == 0:
        objs.append(o)
print(n, [o.norm1() for o in objs])

# A bound method kept in a variable, then the instance it is bound to is mutated.
v = Vec(1, 2)
f = v.dot
w = Vec(3, 4)
s = 0
for i in range(2000):
    s += f(w)
    if i == 1000:
        v.x = 100
print(s)

# __init__ that validates its argument and raises mid-loop.
class Positive:
    count = 0

    def __init__(self, v):
        if v < 0:
            raise ValueError("negative: %d" % v)
        self.v = v
        Positive.count += 1


made = []
errs = 0
for i in range(2500):
    try:
        made.append(Positive(1200 - i if i % 2 else i))
    except ValueError as e:
        errs += 1
        last = str(e)
print(len(made), errs, last, Positive.count, sum(p.v for p in made))
