def lcg(seed):
    state = [seed]
    def rnd():
        state[0] = (state[0] * 1103515245 + 12345) % 2147483648
        return state[0]
    return rnd
rnd = lcg(42)
data = [rnd() % 1000 for _ in range(300)]
def bubble(a):
    a = a[:]
    for i in range(len(a)):
        swapped = False
        for j in range(len(a) - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swapped = True
        if not swapped:
            break
    return a
def insertion(a):
    a = a[:]
    for i in range(1, len(a)):
        k = a[i]
        j = i - 1
        while j >= 0 and a[j] > k:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = k
    return a
def merge_sort(a):
    if len(a) <= 1:
        return a
    mid = len(a) // 2
    l, r = merge_sort(a[:mid]), merge_sort(a[mid:])
    out = []
    i = j = 0
    while i < len(l) and j < len(r):
        if l[i] <= r[j]:
            out.append(l[i]); i += 1
        else:
            out.append(r[j]); j += 1
    return out + l[i:] + r[j:]
def quick(a):
    if len(a) <= 1:
        return a
    p = a[len(a) // 2]
    return quick([x for x in a if x < p]) + [x for x in a if x == p] + quick([x for x in a if x > p])
def heap_sort(a):
    a = a[:]
    n = len(a)
    def sift(i, n):
        while True:
            l, big = 2 * i + 1, i
            if l < n and a[l] > a[big]:
                big = l
            if l + 1 < n and a[l + 1] > a[big]:
                big = l + 1
            if big == i:
                return
            a[i], a[big] = a[big], a[i]
            i = big
    for i in range(n // 2 - 1, -1, -1):
        sift(i, n)
    for end in range(n - 1, 0, -1):
        a[0], a[end] = a[end], a[0]
        sift(0, end)
    return a
def counting(a):
    c = [0] * 1000
    for x in a:
        c[x] += 1
    out = []
    for v, k in enumerate(c):
        out.extend([v] * k)
    return out
ref = sorted(data)
for f in [bubble, insertion, merge_sort, quick, heap_sort, counting]:
    r = f(data)
    print(f.__name__, r == ref, r[:6], r[-3:])
print(data[:10])
