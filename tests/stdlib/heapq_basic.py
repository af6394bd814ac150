# heapq (pure-Python module over the native _heapq): push/pop/replace/pushpop/heapify, the _max
# variants, nlargest/nsmallest/merge, ties and comparison through `<` only, errors
import heapq
import _heapq


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(heapq.heappush is _heapq.heappush, heapq.heapify is _heapq.heapify)
h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, [heapq.heappop(h) for _ in range(len(h))])
data = [9, 1, 8, 2, 7, 3, 6, 4, 5, 0]
heapq.heapify(data)
print(data, heapq.heappushpop(data, -1), heapq.heappushpop(data, 4), data)
print(heapq.heapreplace(data, 10), data)
m = [3, 1, 4, 1, 5, 9, 2, 6]
heapq._heapify_max(m)
print(m, heapq._heappop_max(m), heapq._heapreplace_max(m, 0), m)
items = [(i * 7919) % 101 for i in range(200)]
heap = []
for it in items:
    heapq.heappush(heap, it)
out = [heapq.heappop(heap) for _ in range(len(heap))]
print(out == sorted(items), out[:10])
print(heapq.nsmallest(3, items), heapq.nlargest(3, items), heapq.nlargest(2, items, key=lambda v: -v))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])), list(heapq.merge("ace", "bd", reverse=False)))


class OnlyLt:
    def __init__(self, v, tag):
        self.v, self.tag = v, tag

    def __lt__(self, other):
        return self.v < other.v

    def __repr__(self):
        return "%s%d" % (self.tag, self.v)


objs = [OnlyLt(v, t) for v, t in [(2, "a"), (1, "b"), (2, "c"), (1, "d"), (0, "e"), (2, "f")]]
heapq.heapify(objs)
print(objs, [heapq.heappop(objs) for _ in range(6)])
ties = [(1, "x"), (1, "a"), (0, "z"), (1, "b")]
heapq.heapify(ties)
print(ties)
show("pop empty", lambda: heapq.heappop([]))
show("replace empty", lambda: heapq.heapreplace([], 1))
print(heapq.heappushpop([], 5))
show("push tuple", lambda: heapq.heappush((), 1))
show("pop tuple", lambda: heapq.heappop(()))
show("heapify str", lambda: heapq.heapify("abc"))
show("push 1 arg", lambda: heapq.heappush([]))
show("pop 2 args", lambda: heapq.heappop([], 1))
show("mixed", lambda: heapq.heapify([1, "a", 2]))


class Shrink:
    def __init__(self, heap):
        self.heap = heap

    def __lt__(self, other):
        self.heap.clear()
        return False


hh = []
hh.append(Shrink(hh))
hh.append(Shrink(hh))
show("changed size", lambda: heapq.heappush(hh, Shrink(hh)))
big = list(range(5000, 0, -1))
heapq.heapify(big)
print(big[:5], heapq.nsmallest(4, big))
tasks = []
for i in range(300):
    heapq.heappush(tasks, ((i * 37) % 11, i))
order = [heapq.heappop(tasks)[1] for _ in range(20)]
print(order)
