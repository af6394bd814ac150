class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def dist2(self, other):
        return (self.x - other.x) ** 2 + (self.y - other.y) ** 2
    def move(self, dx, dy):
        self.x += dx
        self.y += dy
        return self
p = Point(1, 2)
q = Point(4, 6)
print(p.x, p.y, p.dist2(q), Point.dist2(p, q))
p.move(1, 1).move(1, 1)
print(p.x, p.y)
print(type(p).__name__, type(p) is Point, isinstance(p, Point), isinstance(p, object))
print(Point.__name__, Point.__qualname__)
p.z = 'dynamic'
print(p.z, hasattr(p, 'z'), hasattr(q, 'z'))
