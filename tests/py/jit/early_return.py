# Functions that return early from inside their loops (the trace of the inner loop is left
# through a return), and loops in functions called from hot loops.
def find(seq, target):
    for idx in range(len(seq)):
        if seq[idx] == target:
            return idx
    return -1


def find_while(seq, pred):
    k = 0
    while k < len(seq):
        if pred(seq[k]):
            return seq[k], k
        k += 1
    return None


data = [(i * 7) % 3001 for i in range(3001)]
total = 0
for t in range(0, 3001, 100):
    total += find(data, t)
print(total, find(data, 5000))

res = []
for limit in (10, 500, 2000, 2999, 4000):
    res.append(find_while(data, lambda v: v >= limit))
print(res)

# A helper with a loop called from a hot loop: both loops get hot.
def digits_sum(n):
    s = 0
    while n:
        s += n % 10
        n //= 10
    return s


acc = 0
for i in range(3000):
    acc += digits_sum(i * 12345)
print(acc)

# Return from a doubly nested loop.
def first_pair(n, target):
    for a in range(n):
        for b in range(a, n):
            if a * b == target:
                return a, b
    return None


print([first_pair(80, t) for t in (0, 77, 391, 1763, 6241, 6242)])

# Return values of different types depending on where the loop exits.
def classify(n):
    for i in range(2, n):
        if n % i == 0:
            return i
        if i * i > n:
            return "prime"
    return None


out = {}
for n in range(1, 2000):
    r = classify(n)
    key = r if isinstance(r, str) or r is None else "div%d" % min(r, 5)
    out[key] = out.get(key, 0) + 1
print(sorted(out.items(), key=lambda kv: str(kv[0])))
