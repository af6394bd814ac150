# enumerate(...) and zip(...) called inside hot loops: over lists, tuples and ranges, with a
# start (also negative and big), zips of unequal lengths, an argument that stops being a
# sequence (a generator, then an int: the TypeError of the interpreter), and iterators kept
# after the loop.
def gen(n):
    for i in range(n):
        yield i * 2


a = [1, 2, 3]
b = (4, 5, 6, 7)
acc = 0
kept = None
for i in range(600):
    for x, y in zip(a, b):
        acc += x * y
    for k, x in enumerate(b, i - 300):
        acc += k - x
    for k, x in enumerate(range(i % 4)):
        acc += k + x
    z = zip(range(i % 5), a)
    for p, q in z:
        acc += p * q
    if i == 100:
        kept = enumerate(a, 2 ** 70)
    src = gen(3) if i % 50 == 0 else a
    for k, x in enumerate(src):
        acc += k * x
    try:
        for x, y in zip(a, 5 if i == 555 else b):
            acc += x
    except TypeError as e:
        print(e)
print(acc, list(kept))
