# Indexing in hot loops: positive and negative indices, list stores, and an IndexError raised
# when the index runs past the end (caught outside the loop, and inside the loop).
data = [i * 3 for i in range(1000)]
total = 0
i = 0
try:
    while True:
        total += data[i] - data[-1 - i]
        data[i] = total % 100        # list store
        i += 1
except IndexError as e:
    print("stopped at", i, total, str(e))
print(sum(data), data[:10], data[-10:])

# Negative indices that eventually run out.
j = 0
neg = 0
try:
    for j in range(1, 3000):
        neg += data[-j] * j
except IndexError as e:
    print("negative stopped", j, neg, e)

# Caught inside the loop: the index goes out of range only on some iterations.
lst = list(range(1500))
bad = 0
ok = 0
for k in range(3000):
    idx = k if k % 2 else -k
    try:
        ok += lst[idx]
    except IndexError:
        bad += 1
print(ok, bad)

# Stores out of range and store to a tuple.
errs = []
for k in range(2000):
    try:
        if k < 1500:
            lst[k] = -k
        else:
            lst[k] = k
    except IndexError as e:
        errs.append(str(e))
print(len(errs), errs[0], sum(lst))
t = (1, 2, 3)
try:
    for k in range(1200):
        if k == 1100:
            t[0] = 5
except TypeError as e:
    print(k, e)

# Index with bool and with an int subclass-looking value.
flags = [10, 20]
s = 0
for k in range(2000):
    s += flags[k % 2 == 0] + flags[True] - flags[False]
print(s)
