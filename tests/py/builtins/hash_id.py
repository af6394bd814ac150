print(hash(0), hash(1), hash(-1), hash(-2), hash(10 ** 20), hash(2 ** 61 - 1), hash(-(2 ** 61)))
print(hash(1.0), hash(1.5), hash(-0.5), hash(0.0), hash(1e100), hash(float('inf')), hash(float('-inf')))
print(hash(()), hash((1, 2)), hash((1, (2, 3))), hash((1.5, -1)), hash((True, False)))
print(hash(1) == hash(1.0) == hash(True), hash((1, 2)) == hash((1.0, 2.0)))
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), id(a) != id(c))
x = object()
print(id(x) == id(x), isinstance(id(x), int))
