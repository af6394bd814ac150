# Instances of different classes alternate through the same hot call site: attribute reads and
# method calls see two, then three, then four receiver classes (including a subclass).
class Circle:
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3 * self.r * self.r

    def name(self):
        return "circle"


class Square:
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s

    def name(self):
        return "square"


class Rect(Square):
    def __init__(self, s, t):
        Square.__init__(self, s)
        self.t = t

    def area(self):
        return self.s * self.t


class Weird:
    area = None

    def name(self):
        return "weird"


shapes = []
for i in range(3000):
    if i < 1000:
        shapes.append(Circle(i % 10) if i % 2 else Square(i % 10))
    elif i < 2000:
        shapes.append((Circle, Square, Rect)[i % 3](i % 10) if i % 3 != 2 else Rect(i % 10, 2))
    else:
        shapes.append(Weird() if i % 50 == 0 else Rect(i % 10, 0.5))

total = 0
names = {}
for sh in shapes:
    a = sh.area() if sh.area is not None else -1
    total += a
    n = sh.name()
    names[n] = names.get(n, 0) + 1
print(repr(total), sorted(names.items()))

# Duck typing on an attribute that is an int in one class and a float/str in another.
class P:
    def __init__(self, v):
        self.v = v


class Q:
    def __init__(self, v):
        self.v = v * 0.5


class S:
    def __init__(self, v):
        self.v = str(v)


objs = [P(3), Q(3), P(4), Q(5)]
acc = 0
errs = 0
for i in range(2500):
    o = objs[i % len(objs)]
    try:
        acc += o.v                 # raises TypeError for S instances (str)
    except TypeError:
        errs += 1
        acc += len(o.v) * 1000
    if i == 1500:
        objs.append(S(1))
        objs.append(P(10))
print(repr(acc), errs)
