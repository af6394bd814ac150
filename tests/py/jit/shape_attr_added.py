# Instances read in a hot loop gain a new attribute mid-loop (their shape changes); some
# instances get it, others do not, so the attribute lookup sees several shapes afterwards.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


pts = [Point(i, -i) for i in range(20)]
total = 0
extra = 0
for i in range(3000):
    p = pts[i % 20]
    total += p.x * 3 + p.y
    if i == 1500:
        for q in pts[::3]:
            q.z = q.x * 100          # shape change on every third point
    if i > 1500 and hasattr(p, "z"):
        extra += p.z
    if i == 2200:
        pts[1].x = 1000.5            # same shape, different value type
    if i % 500 == 0:
        print(i, total, extra)
print(total, extra)

# Attributes added in a different order produce different shapes with the same names.
class Bag:
    pass


bags = []
for i in range(12):
    b = Bag()
    if i % 2:
        b.a = i
        b.b = i * 2
    else:
        b.b = i * 2
        b.a = i
    bags.append(b)
s = 0
last = None
for i in range(3000):
    b = bags[i % 12]
    try:
        s += b.a - b.b
    except TypeError as e:         # bags[6].a is a str after iteration 1800
        s += 1000000
        last = str(e)
    if i == 1800:
        bags[5].c = 1
        bags[6].a = "str"
print(s, last)

# An attribute stored every iteration on a growing set of names.
class Rec:
    pass


r = Rec()
for i in range(2000):
    setattr(r, "f%d" % (i % 40), i)
    if i % 100 == 99:
        r.total = getattr(r, "total", 0) + r.f0 + getattr(r, "f39", -1)
print(r.total, len(r.__dict__), sorted(r.__dict__)[:5])
