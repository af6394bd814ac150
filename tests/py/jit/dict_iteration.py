# Iterating dicts in hot loops: keys and values, dicts with deleted entries (holes), an
# iteration that ends at run time, and a dict that changes size mid-iteration (RuntimeError).
def key_sum(d):
    s = 0
    for k in d:
        s += k * d[k]
    return s


def values_max(d):
    m = -1
    for v in d.values():
        if v > m:
            m = v
    return m


d = {i: i % 13 for i in range(3000)}
for i in range(0, 3000, 7):
    del d[i]
print(key_sum(d), values_max(d), len(d))
print(key_sum({}), key_sum({5: 2}), values_max({i: -i for i in range(1500)}))

words = {}
for i in range(2000):
    words["w" + str(i % 300)] = i
total = 0
for w in words:
    total += len(w) + words[w]
print(total)

grow = {i: i for i in range(2000)}
try:
    for k in grow:
        if k == 1500:
            grow[-1] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
