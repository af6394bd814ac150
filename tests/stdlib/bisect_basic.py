# bisect (pure-Python module over the native _bisect): bisect/insort left and right with lo, hi
# and key=, on lists and other sequences, errors
import bisect
import _bisect


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(bisect.bisect is _bisect.bisect_right, bisect.insort is _bisect.insort_right)
a = [1, 2, 2, 2, 3, 5, 8]
print([bisect.bisect_left(a, x) for x in range(10)], [bisect.bisect_right(a, x) for x in range(10)])
print(bisect.bisect(a, 2), bisect.bisect_left(a, 2, 2), bisect.bisect_left(a, 2, 0, 2), bisect.bisect_right(a, 2, hi=3),
      bisect.bisect_right(a, 9, lo=2, hi=None), bisect.bisect_left(a, 0, lo=5))
l = []
for x in [5, 1, 4, 1, 5, 9, 2, 6]:
    bisect.insort(l, x)
print(l)
bisect.insort_left(l, 5)
bisect.insort_right(l, 4.0)
bisect.insort_left(l, 4.0)
print(l)
recs = [("a", 1), ("b", 3), ("c", 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
bisect.insort(recs, ("x", 4), key=lambda r: r[1])
bisect.insort_left(recs, ("y", 1), key=lambda r: r[1])
print(recs)
print(bisect.bisect("abcdef", "c"), bisect.bisect(range(0, 100, 5), 42), bisect.bisect((1, 3, 5), 4))


def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])


class Seq:
    def __init__(self):
        self.items = []

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def insert(self, i, x):
        print("insert", i, x)
        self.items.insert(i, x)


s = Seq()
for x in [3, 1, 2]:
    bisect.insort(s, x)
print(s.items)
show("lo negative", lambda: bisect.bisect([1], 1, -1))
show("not sequence", lambda: bisect.bisect(5, 1))
show("no args", lambda: bisect.bisect_left())
show("lo float", lambda: bisect.bisect([1], 1, 1.5))
show("bad kw", lambda: bisect.bisect([1], 1, foo=2))
show("mixed", lambda: bisect.bisect([1, 2], "a"))
show("too many", lambda: bisect.bisect([1], 1, 0, 1, 2))
big = list(range(0, 100000, 3))
print(sum(bisect.bisect_left(big, x) for x in range(0, 3000, 7)))
h = [0, 10]
bisect.insort(h, 20, lo=5)
print(h)
