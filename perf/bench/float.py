# float: create many Point(x, y, z) objects, normalise them, fold with max.
# quick-arg: 10000
import sys
from math import sin, cos, sqrt


class Point:
    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3.0
        self.z = (x * x) / 2.0

    def normalize(self):
        x = self.x
        y = self.y
        z = self.z
        norm = sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def run(n):
    points = [None] * n
    for i in range(n):
        points[i] = Point(i)
    for p in points:
        p.normalize()
    best = points[0]
    for p in points[1:]:
        best = best.maximize(p)
    return best


def main(n):
    sx = 0.0
    for rep in range(8):
        best = run(n)
        sx += best.x + best.y + best.z
    print("%.9f %.9f %.9f %.9f" % (best.x, best.y, best.z, sx))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 300000)
