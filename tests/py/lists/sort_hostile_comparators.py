# list.sort must survive comparators that are not a strict weak ordering (random answers, NaN
# keys, errors part-way) and lists mutated by key functions or comparisons: CPython raises
# "list modified during sort" and never reads outside the list.
import random


class Coin:
    def __init__(self, i):
        self.i = i

    def __lt__(self, other):
        return random.random() < 0.5


random.seed(7)
for n in (5, 33, 100, 1000):
    xs = [Coin(i) for i in range(n)]
    xs.sort()
    print(n, sorted(c.i for c in xs) == list(range(n)))

nan = float("nan")
fl = [3.0, nan, 1.0, nan, 2.0, -1.0] * 20
fl.sort()
print(len(fl), sum(1 for x in fl if x != x))


class Complains:
    def __init__(self, i):
        self.i = i

    def __lt__(self, other):
        if random.random() < 0.01:
            raise RuntimeError("complained")
        return self.i < other.i


random.seed(3)
for n in (50, 500):
    xs = [Complains(i) for i in range(n)]
    random.shuffle(xs)
    try:
        xs.sort()
        print("sorted", n)
    except RuntimeError as e:
        print("error", n, e, len(xs), sorted(c.i for c in xs) == list(range(n)))


class Mutator:
    def __lt__(self, other):
        if L and random.random() < 0.75:
            L.pop()
        else:
            L.append(3)
        return random.random() < 0.5


random.seed(5)
L = [Mutator() for i in range(50)]
try:
    L.sort()
except ValueError as e:
    print(e, len(L))


def clearing_key(x):
    del data[:]
    data[:] = range(20)
    return x


data = list(range(10))
try:
    data.sort(key=clearing_key)
except ValueError as e:
    print(e, data)


def appending_key(x):
    data.append(x)
    data.pop()
    return -x


data = list(range(10))
try:
    data.sort(key=appending_key)
except ValueError as e:
    print(e, data)


def peeking_key(x):
    print("seen", len(data), data)
    return -x


data = [1, 2, 3]
data.sort(key=peeking_key, reverse=True)
print(data)
words = ["b", "a", "B", "A", "c"] * 3
words.sort(key=str.lower, reverse=True)
print(words)
