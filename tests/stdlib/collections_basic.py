# collections: Counter, OrderedDict, namedtuple, deque, defaultdict, ChainMap.
from collections import Counter, OrderedDict, namedtuple, deque, defaultdict, ChainMap

c = Counter("abracadabra")
print(sorted(c.items()), c.most_common(2), c["z"])
c.update("aaz")
print(c["a"], c["z"], sorted((c + Counter("xyz")).items()))
print(sorted((c - Counter(a=10)).items()), list(Counter(a=2, b=1).elements()))

od = OrderedDict()
od["x"] = 1; od["y"] = 2; od["z"] = 3
od.move_to_end("x")
print(list(od), od.popitem(last=False), od)

Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x + p.y, p._asdict(), p._replace(x=5), Point._fields, Point._make([7, 8]))
x, y = p
print(x, y, p == (1, 2), repr(Point(3, 4)))
P3 = namedtuple("P3", ["a", "b", "c"], defaults=[0])
print(P3(1, 2), P3(1, 2, 3))

d = deque([1, 2, 3], maxlen=4)
d.append(4); d.append(5); d.appendleft(0)
print(d, d.pop(), d.popleft(), list(d))
d.rotate(1)
print(d)

dd = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    dd[k].append(v)
print(sorted(dd.items()), dd["missing"], len(dd))

cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], sorted(cm))
