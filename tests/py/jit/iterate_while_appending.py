# Iterating over one list while appending to another (and to itself, bounded): the iterator
# must see the list's current length on every step, also after the loop is compiled.
src = list(range(100))
dst = []
for v in src:
    dst.append(v * 2)
    if v % 4 != 3 and len(src) < 2500:
        src.append(v + len(src))      # the list being iterated grows
print(len(src), len(dst), sum(dst), dst[-3:])

# Worklist: the loop appends new work to the list it iterates.
work = [1]
seen = 0
for x in work:
    seen += x
    if len(work) < 3000:
        work.append((x * 5 + 1) % 997)
        if x % 2:
            work.append(x // 2)
print(len(work), seen)

# Appending to a second list and reading it back in the same iteration.
out = []
acc = 0
for i in range(3000):
    out.append(i * i)
    acc += out[i // 2] - out[-1] + len(out)
print(acc)

# A list aliased under two names.
a = [0]
b = a
for i in range(2000):
    b.append(a[-1] + i)
    if i == 1000:
        b = list(a)               # aliasing broken mid-loop
print(len(a), len(b), a[-1], b[-1])
