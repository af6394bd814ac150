# Dict reads and writes in hot loops with keys whose type changes (int, str, tuple, float keys
# equal to ints), deletions, missing keys (KeyError caught), and dicts used as counters.
d = {}
for i in range(3000):
    k = i % 50 if i < 1500 else str(i % 50) if i < 2200 else (i % 7, i % 5)
    d[k] = d.get(k, 0) + i
print(len(d), d[7], d["7"], d[(3, 4)])

# 1.0 == 1 == True hash the same: they are one key.
e = {}
for i in range(2000):
    k = (i % 3, (i % 3) * 1.0, i % 3 == 1)[i % 3]
    e[k] = e.get(k, 0) + 1
print(sorted(e.items()), repr(list(e)[0]))

# Deleting keys while counting; KeyError on the missing ones.
cnt = {}
for i in range(200):
    cnt[i] = i
missing = 0
total = 0
for i in range(3000):
    k = i % 250
    try:
        total += cnt[k]
        if i > 1500 and k % 2:
            del cnt[k]
    except KeyError as err:
        missing += 1
        last = err.args[0]
print(total, missing, last, len(cnt))

# Iteration over items, setdefault and pop in loops.
groups = {}
for i in range(2500):
    groups.setdefault(i % 13, []).append(i)
s = 0
for k, v in groups.items():
    s += k * len(v) + v[-1]
popped = 0
for i in range(20):
    popped += len(groups.pop(i, [0] * 1000))
print(s, popped, len(groups))

# Dict of instances' attributes accessed as the dict grows.
word_count = {}
text = ("the quick brown fox jumps over the lazy dog " * 60).split()
for w in text:
    if w in word_count:
        word_count[w] += 1
    else:
        word_count[w] = 1
print(sorted(word_count.items()))
