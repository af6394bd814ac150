# Dicts in hot loops: d[k], d[k] = v, k in d and d.get(k, default) with int / str / bool / None
# keys go through helpers that never run Python code; keys whose comparison needs __eq__,
# missing keys (KeyError), and growing the module namespace fall back to the interpreter.
class Key:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v % 7
    def __eq__(self, other):
        global eq_calls
        eq_calls += 1
        return isinstance(other, Key) and other.v == self.v


eq_calls = 0


def counts(words):
    d = {}
    for w in words:
        d[w] = d.get(w, 0) + 1
    return d


def mixed(n):
    d = {i: i * 2 for i in range(50)}
    d[True] = "t"               # True == 1: replaces d[1]
    d[None] = 0
    acc = 0
    for i in range(n):
        k = i % 60
        if k in d:
            v = d[k]
            acc += v if isinstance(v, int) else len(v)
        else:
            d[k] = -k
        if i == 1500:
            d[Key(3)] = 99      # a key whose comparison runs Python code
        acc += d.get(None) + (1 if 3 in d else 0)
    return acc, len(d)


def missing(n):
    d = {i: i for i in range(100)}
    t = 0
    try:
        for i in range(n):
            t += d[i % 150 if i > 2000 else i % 100]
    except KeyError as e:
        return t, "missing", e.args[0]
    return t


print(sorted(counts(["a", "bb", "a", "c"] * 700 + ["zz"]).items()))
print(mixed(3000), eq_calls)
print(missing(3000))
table = {}
for j in range(2000):
    table[j % 37] = table.get(j % 37, 0) + j
    if j == 1000:
        globals()["late"] = j   # grows the namespace the loop reads in place
print(sorted(table.items())[:5], late)
