# An error raised from __init__ while building an object in an assignment.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.norm = (x * x + y * y) ** 0.5 / y


p = Point(3, 4)
print(p.norm)
q = Point(1, 0)
