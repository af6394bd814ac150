# Generators consumed by hot loops: a generator driving a for loop, generators created and
# exhausted on every iteration of an outer loop, next() with a default, a generator whose
# yielded type changes mid-stream, and an exception raised inside a generator.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1


def mixed(n):
    for i in range(n):
        if i < n // 2:
            yield i
        elif i < 3 * n // 4:
            yield i * 0.5
        else:
            yield str(i)


t = 0
for v in count_up(3000):
    t += v * v
print(t)

s = 0
strs = 0
for v in mixed(3000):
    if isinstance(v, str):
        strs += len(v)
    else:
        s += v
print(repr(s), strs)

# Small generators exhausted inside an outer loop.
acc = 0
for i in range(600):
    for v in count_up(i % 9):
        acc += v * i
    acc += sum(x for x in range(i % 5))
print(acc)

# next() with a default past exhaustion.
g = count_up(1500)
n = 0
for i in range(2000):
    n += next(g, -1)
print(n)

# A generator that raises after a while; the for loop sees the exception.
def fragile(n):
    for i in range(n):
        if i == 1700:
            raise RuntimeError("broke at %d" % i)
        yield i


got = 0
try:
    for v in fragile(3000):
        got += v
except RuntimeError as e:
    print("caught", e, got)

# Generator pipelines.
def squares(it):
    for v in it:
        yield v * v


def evens(it):
    for v in it:
        if v % 2 == 0:
            yield v


print(sum(squares(evens(count_up(3000)))), list(evens(squares(range(12)))))
