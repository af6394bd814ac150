class Rect:
    def __init__(self, w, h):
        self.w, self.h = w, h
    @property
    def area(self):
        return self.w * self.h
    @property
    def perimeter(self):
        return 2 * (self.w + self.h)
    @property
    def is_square(self):
        return self.w == self.h
class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
    @property
    def area(self):
        return 'square area %d' % (self.w * self.w)
rects = [Rect(2, 3), Rect(4, 4), Square(5)]
for r in rects:
    print(type(r).__name__, r.area, r.perimeter, r.is_square)
print(sorted([Rect(3, 3), Rect(1, 2), Rect(2, 2)], key=lambda r: r.area)[0].area)
total = 0
for i in range(10000):
    total += Rect(i, 2).area
print(total)
