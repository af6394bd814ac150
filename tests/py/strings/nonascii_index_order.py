# Indexing and slicing non-ASCII strings in every order: forward scans, steps back (a slice from
# where a token started), jumps, alternation between two strings, long ASCII runs between
# multi-byte characters (1-, 2-, 3- and 4-byte UTF-8), and negative indices.

parts = ["abc", "é", "xyzxyzxyzxyz", "中文", "q" * 37, "😀", "ü", "r" * 9, "\U0010ffff", "end"]
s = "".join(parts)
t = "ß" * 5 + "plain ascii text" * 3 + "€"
n = len(s)
print(n, len(t))

# forward, then back to each token start
out = []
i = 0
while i < n:
    start = i
    while i < n and s[i].isalpha() == s[start].isalpha() and i - start < 7:
        i += 1
    out.append(s[start:i])
    if start > 0:
        out.append(s[start - 1])
print(out)

# backwards walk, single steps and jumps
print("".join(s[k] for k in range(n - 1, -1, -1)) == s[::-1])
print([s[k] for k in (n - 1, 3, n - 2, 0, 50, 4, 49, 5, 17, 16, 15)])
print([s[k:k + 3] for k in range(0, n, 5)])
print([s[-k] for k in range(1, n + 1, 4)])

# two strings alternating (the one-entry cache is replaced each time)
acc = []
for k in range(min(n, len(t))):
    acc.append(s[k] + t[len(t) - 1 - k])
print("".join(acc))

# every (i, j) slice of a short mixed string, in an order that goes back and forth
u = "aé中😀b" * 3
res = []
for a in range(len(u) + 1):
    for b in range(len(u), a - 1, -1):
        res.append(u[a:b])
print(len(res), res[:8], res[-8:])
print(sum(len(x) for x in res))
print([u.find(c) for c in "é中😀b"], [u.rfind(c) for c in "é中😀b"], u.index("b", 6))
