# collections.deque (from _collections, the native module collections re-exports): both ends,
# maxlen, rotate, index/insert/remove, indexing, comparisons, copy, repr recursion, mutation checks
from _collections import deque


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2], bool(d), bool(deque()))
print(d.pop(), d.popleft(), d)
d.extend("ab")
d.extendleft("xy")
print(d, list(reversed(d)), d.count("a"), d.index(2), 3 in d, 9 in d)
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.rotate()
print(d)
d.rotate(100)
print(d, deque().rotate(5))
d.reverse()
print(d)
d.insert(2, "I")
d.insert(-1, "J")
d.insert(100, "end")
d.insert(-100, "start")
print(d)
d.remove("I")
print(d, d.index("a", 2), d.index("a", -5, -1))
d[1] = "one"
del d[0]
del d[-1]
print(d, d.copy(), d.__copy__() == d, d.copy() is d)
d.clear()
print(d, len(d))

m = deque(range(10), maxlen=3)
print(m, m.maxlen, deque().maxlen)
m.append(10)
m.appendleft(-1)
print(m)
m.extend(range(20, 25))
print(m)
m.extendleft("abcd")
print(m)
print(deque("xyz", 0), deque(maxlen=2), repr(deque([], 5)))
z = deque("x", maxlen=0)
z.append(1)
z.appendleft(2)
print(z)
show("insert full", lambda: deque([1, 2], 2).insert(0, 0))
print(deque([1, 2, 3], maxlen=5) * 2, 2 * deque([1, 2]), deque("ab") + deque("cd"))
r = deque([1, 2, 3], maxlen=4)
r *= 3
print(r)
r = deque([1, 2])
r *= 0
print(r)
r = deque([1, 2])
r += [3, 4]
r += r
print(r)
big = deque(range(5), maxlen=7)
big *= 4
print(big)

# indexing and errors
for label, f in [
    ("pop empty", lambda: deque().pop()),
    ("popleft empty", lambda: deque().popleft()),
    ("index out", lambda: deque([1])[5]),
    ("index neg", lambda: deque([1])[-2]),
    ("index float", lambda: deque([1])[1.5]),
    ("index slice", lambda: deque([1])[0:1]),
    ("index huge", lambda: deque([1])[2 ** 70]),
    ("remove missing", lambda: deque([1]).remove(5)),
    ("index missing", lambda: deque([1, 2]).index(5)),
    ("index range", lambda: deque([1, 2, 3]).index(1, 1)),
    ("maxlen neg", lambda: deque([], -1)),
    ("maxlen float", lambda: deque([], 1.5)),
    ("maxlen str", lambda: deque([], "a")),
    ("concat list", lambda: deque() + [1]),
    ("rotate str", lambda: deque([1]).rotate("a")),
    ("rotate huge", lambda: deque([1]).rotate(2 ** 70)),
    ("setattr maxlen", lambda: setattr(deque(), "maxlen", 3)),
    ("too many args", lambda: deque([], 1, 2)),
    ("bad kw", lambda: deque(foo=1)),
    ("append 2 args", lambda: deque().append(1, 2)),
    ("pop arg", lambda: deque([1]).pop(0)),
    ("lt list", lambda: deque([1]) < [1]),
    ("del out", lambda: deque([1]).__delitem__(3)),
]:
    show(label, f)

print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([1, 3]), deque([1]) < deque([1, 2]),
      deque([2]) > deque([1, 9]), deque([1, 2]) <= deque([1, 2]), deque([1]) == [1], deque() >= deque())
print(deque("abc", 5) == deque("abc"))

# recursion in repr, mutation during iteration
rec = deque([1])
rec.append(rec)
print(rec)
it_d = deque([1, 2, 3])
for label, mut in [("append", lambda q: q.append(9)), ("pop", lambda q: q.pop()), ("clear", lambda q: q.clear()),
                   ("rotate", lambda q: q.rotate(1)), ("popleft", lambda q: q.popleft())]:
    q = deque([1, 2, 3])
    it = iter(q)
    next(it)
    mut(q)
    show("mutated " + label, lambda: next(it))
q = deque([1, 2, 3])
it = iter(q)
q[0] = 5
print(list(it))
class Evil:
    def __init__(self, q):
        self.q = q
    def __eq__(self, other):
        self.q.append(1)
        return False
q = deque([1, 2, 3])
show("count mutates", lambda: q.count(Evil(q)))
q = deque([1, 2, 3])
show("remove mutates", lambda: q.remove(Evil(q)))
q = deque([1, 2, 3])
show("in mutates", lambda: Evil(q) in q)

# iterators
q = deque("abcde")
it = iter(q)
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())
rit = reversed(q)
print(next(rit), list(rit), type(iter(q)).__name__, type(reversed(q)).__name__)
print(deque(range(3)).__reduce__()[:3], deque("ab", 4).__reduce__()[:3])
print(list(deque([1, 2], 3).__reduce__()[3]))
ite = iter(deque([7, 8, 9]))
next(ite)
print(ite.__reduce__()[1][1], type(ite)(deque([7, 8, 9]), 1).__length_hint__())

# self-extension, large deques, queue use
s = deque([1, 2])
s.extend(s)
s.extendleft(s)
print(s)
q = deque()
for i in range(10000):
    q.append(i)
    if i % 3 == 0:
        q.popleft()
print(len(q), q[0], q[-1], q[5000], sum(q))
w = deque(maxlen=50)
for i in range(1000):
    w.append(i * i)
print(w[0], w[-1], len(w))
print(sorted(deque([3, 1, 2])), max(deque([3, 1, 2])), list(map(str, deque([1, 2]))))
print(type(deque()).__name__, deque.__module__, repr(deque))
show("hash", lambda: hash(deque()))
