class Shape:
    count = 0
    def __init__(self):
        type(self).bump()
    @classmethod
    def bump(cls):
        cls.count += 1
    @staticmethod
    def describe():
        return 'a shape'
class Circle(Shape):
    count = 0
class Square(Shape):
    count = 0
for _ in range(3):
    Circle()
Square()
Shape()
print(Shape.count, Circle.count, Square.count, Circle.describe())
