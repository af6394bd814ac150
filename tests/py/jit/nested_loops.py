# Nested loops two and three deep, where the inner loops' trip counts depend on the outer
# induction variables (inner traces are hot before the outer ones), plus loop variables
# reused after the loop ends.
t2 = 0
for i in range(120):
    for j in range(i % 17 + 5):
        t2 += i * j - (i ^ j)
print("2-deep", t2, i, j)

t3 = 0
cnt = 0
for a in range(20):
    for b in range(a, 25):
        for c in range(b % 7, 12):
            t3 += (a + 1) * b - c
            cnt += 1
print("3-deep", t3, cnt, a, b, c)

# while inside for inside while.
x = 0
outer = 0
while outer < 30:
    for k in range(outer % 6 + 1):
        m = k
        while m < 40:
            x += m * outer - k
            m += k + 1
    outer += 1
print("mixed", x, outer)

# The inner loop's body changes behaviour only for late outer iterations.
res = []
for i in range(60):
    s = 0
    for j in range(50):
        if i >= 45 and j % 10 == 3:
            s += 0.5
        else:
            s += j
    res.append(s)
print(res[0], res[44], res[45], res[-1], repr(sum(res)))

# Triangular iteration over a list with the inner index derived from the outer.
vals = [(k * 37) % 101 for k in range(80)]
inversions = 0
for p in range(len(vals)):
    for q in range(p + 1, len(vals)):
        if vals[p] > vals[q]:
            inversions += 1
print("inversions", inversions)
