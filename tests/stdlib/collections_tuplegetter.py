# _collections._tuplegetter: the field descriptors namedtuple puts on its classes (read through
# the descriptor protocol, read-only, docstrings, __reduce__, errors)
from _collections import _tuplegetter


class Point(tuple):
    __slots__ = ()
    x = _tuplegetter(0, "Alias for field number 0")
    y = _tuplegetter(1, "Alias for field number 1")

    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))

    def __repr__(self):
        return "Point(x=%r, y=%r)" % self


p = Point(3, 4)
print(p, p.x, p.y, p[0], Point.x.__doc__, type(Point.x).__name__, Point.x.__reduce__())
for label, f in [("set", lambda: setattr(p, "x", 5)), ("del", lambda: delattr(p, "x")),
                 ("non-tuple", lambda: Point.x.__get__(5, int)), ("index", lambda: _tuplegetter(5, None).__get__((1,), tuple)),
                 ("bad index", lambda: _tuplegetter("a", None)), ("args", lambda: _tuplegetter(1))]:
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
Point.y.__doc__ = "changed"
print(Point.y.__doc__, Point.x.__get__(None, Point) is Point.x, Point.x.__get__(p))
total = 0
for i in range(3000):
    q = Point(i, -i)
    total += q.x * 2 + q.y
print(total, sorted([Point(2, 1), Point(1, 5)], key=lambda pt: pt.y))
