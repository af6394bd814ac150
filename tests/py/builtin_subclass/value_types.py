# Subclasses of int, str, tuple, bytes, complex, frozenset, list, dict, set keep the built-in
# behaviour and get attributes, extra state and overridden methods.

class Meters(int):
    unit = "m"

    def __repr__(self):
        return f"{int(self)}{self.unit}"


m = Meters(5)
print(m, m + 1, type(m + 1).__name__, repr(m), m * 2, isinstance(m, int), m.bit_length())
m.note = "hi"
print(m.note, Meters("12"), Meters(3) == 3, hash(Meters(3)) == hash(3))


class Name(str):
    def shout(self):
        return self.upper() + "!"


n = Name("bob")
print(n, n.shout(), n + "x", len(n), n == "bob", {n: 1}["bob"], n.title(), type(n.strip()).__name__)


class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))

    @property
    def first(self):
        return self[0]


p = Pair(1, 2)
print(p, p.first, len(p), p + (3,), type(p).__name__, isinstance(p, tuple))


class Blob(bytes):
    pass


b = Blob(b"abc")
print(len(b), b[0], isinstance(b, bytes), type(b).__name__)


class Z(complex):
    pass


z = Z(1, 2)
print(z.real, z.imag, type(z).__name__, isinstance(z, complex))


class FS(frozenset):
    pass


src = frozenset([1, 2, 3])
fs = FS(src)
print(sorted(fs), type(fs).__name__, type(src).__name__, 2 in fs, len(fs))


class Stack(list):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]


s = Stack([1, 2])
s.push(3)
print(s, s.peek(), len(s), sorted(s, reverse=True), type(s).__name__)


class Counter(dict):
    def __missing__(self, key):
        return 0

    def add(self, k):
        self[k] = self[k] + 1


c = Counter()
for w in "a b a c a".split():
    c.add(w)
print(sorted(c.items()), c["zzz"])


class Tags(set):
    def __init__(self, items, label):
        super().__init__(items)
        self.label = label


t = Tags([3, 1, 3], "L")
print(sorted(t), t.label, len(t))
print(int.__new__(Meters, 7), str.__new__(Name, "q").shout(), tuple.__new__(Pair, [9, 8]))
try:
    int.__new__(str, 1)
except TypeError as e:
    print(e)
