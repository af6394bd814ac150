# A loop in a function whose caller is native code or a function trace (an entry frame): the
# side traces past the loop (exhausted, a break, an early return) end at the function's return,
# which the interpreter performs; and a loop whose iteration returns while the root trace is
# recorded.


def closest(points, x):
    best = None
    best_d = 1e300
    for p in points:
        d = (p - x) * (p - x)
        if d < best_d:
            best_d = d
            best = p
    return best


def first_over(xs, limit):
    for i, v in enumerate(xs):
        if v > limit:
            return i
    return -1


def total_until(xs, stop):
    t = 0
    for v in xs:
        if v == stop:
            break
        t += v
    return t


def outer(k):
    # Called often: a function trace whose calls of closest / first_over run as entry frames.
    pts = [(j * 7919) % 101 for j in range(k % 9 + 3)]
    return closest(pts, k % 50) + first_over(pts, k % 90) + total_until(pts, pts[k % len(pts)])


acc = 0
for k in range(600):
    acc += outer(k)
print(acc)

# callers that are native code: map, sorted's key, list comprehension over a builtin
data = [[(i * j) % 37 for j in range(i % 11 + 1)] for i in range(300)]
print(sum(map(lambda xs: first_over(xs, 20), data)))
print(sorted(range(300), key=lambda i: (closest(data[i], 18), i))[:20])
print([total_until(xs, 5) for xs in data][-10:])

# None and early returns whose kind changes late
res = []
for k in range(500):
    xs = data[k % 300] if k < 400 else []
    res.append(closest(xs, 3))
print(res[390:410])
