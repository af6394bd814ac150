# seq[a:b] in hot loops: lists, tuples and strs; None, negative, out-of-range and reversed
# bounds; bounds that turn into floats or objects with __index__ later (the interpreter takes
# over); the slice is a new object each time (mutating it leaves the source alone).
class Ix:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


words = "the quick brown fox jumps over the lazy dog"
data = list(range(20))
tup = tuple(range(0, 60, 3))
acc = 0
parts = []
for i in range(500):
    k = i % 25 - 5
    a = data[k:]
    b = tup[:k]
    c = words[k:k + 4]
    d = data[-k:i % 7]
    e = tup[i % 9:None]
    a.append(i)
    acc += len(a) + sum(b) + len(c) + len(d) + len(e)
    if i % 97 == 0:
        parts.append(c)
    if i > 400:
        try:
            acc += len(data[Ix(i % 5):])
            acc += len(words[: i % 3 + 0.5])
        except TypeError as ex:
            if i == 401:
                print(ex)
print(acc, parts, len(data))
