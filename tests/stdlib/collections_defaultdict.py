# collections.defaultdict (from _collections) and _count_elements: __missing__, default_factory,
# repr, copy, __reduce__, |, dict behaviour
from _collections import defaultdict, _count_elements


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


d = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    d[k].append(v)
print(d, d["a"], len(d), "zz" in d, d.get("zz"), "zz" in d)
print(d["zz"], "zz" in d, sorted(d))
c = defaultdict(int)
for ch in "mississippi":
    c[ch] += 1
print(sorted(c.items()), isinstance(c, dict), type(c).__name__)
print(defaultdict(), defaultdict(None, {1: 2}), defaultdict(list, {1: 2}, a=3), defaultdict(int, [(1, 2)]))
show("missing None", lambda: defaultdict()["x"])
show("not callable", lambda: defaultdict(1))
show("two dicts", lambda: defaultdict(list, {}, {}))
dd = defaultdict(lambda: "dflt")
print(dd["q"], dd.default_factory(), dict(dd))
dd.default_factory = set
print(dd["r"], dd.default_factory)
dd.default_factory = None
show("after None", lambda: dd["s"])
print(dd.__missing__ if False else "ok")
e = defaultdict(list, {"x": [1]})
f = e.copy()
f["x"].append(2)
f["y"]
print(e, f, type(f).__name__, f.default_factory)
print(e.__copy__(), e.__reduce__()[:4], list(e.__reduce__()[4]))
print(defaultdict().__reduce__()[1])
g = e | {"z": 0}
print(g, type(g).__name__, g.default_factory)
h = {"k": 1} | e
print(h, type(h).__name__)
e |= {"w": 5}
print(e)
print(e == {"x": [1], "w": 5}, defaultdict(int) == {}, e.keys(), list(e.values()))
print(e.pop("w"), e.setdefault("n", 7), e)
r = defaultdict(list)
r[1] = r
print(r)
class Fact:
    def __call__(self):
        return 0
    def __repr__(self):
        return "Fact()"
print(defaultdict(Fact()))
print(defaultdict.fromkeys("ab", 1), type(defaultdict.fromkeys("ab")).__name__)
print(d.__missing__("new"), d["new"])

counts = {}
_count_elements(counts, "abracadabra")
print(sorted(counts.items()))
class MyCounter(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 10 if v == 1 else v)
mc = MyCounter()
_count_elements(mc, "aab")
print(sorted(mc.items()))
dd2 = defaultdict(int)
_count_elements(dd2, [1, 2, 1, 1])
print(dd2)
show("count bad", lambda: _count_elements({}, 5))
show("count args", lambda: _count_elements({}))
