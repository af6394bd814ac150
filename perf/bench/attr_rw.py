# attr_rw: instance attribute reads and writes (no calls inside the loop).
# quick-arg: 200000
import sys


class Obj:
    def __init__(self):
        self.a = 0
        self.b = 1
        self.c = 2
        self.d = 3.0


class Holder:
    count = 7


def work(n):
    o = Obj()
    p = Obj()
    for i in range(n):
        o.a = o.a + 1
        o.b = o.b + o.c
        p.c = o.a - p.c
        o.c = p.c & 1023
        p.d = o.d * 0.5 + p.d * 0.5
        p.a = p.a + Holder.count
        if o.b > 100000:
            o.b = o.b - 100000
    return o.a, o.b, o.c, p.a, p.c, "%.6f" % p.d


def main(n):
    print(work(n))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 12000000)
