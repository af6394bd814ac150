# String operations in hot loops: concatenation, indexing (including negative), slicing,
# comparisons, membership, methods, formatting, and a str/bytes-free type change of the
# accumulated value (str -> int via len).
words = ["alpha", "beta", "gamma", "delta", "", "epsilon", "zeta", "eta"]
acc = ""
for i in range(3000):
    w = words[i % len(words)]
    acc += w[:2] if w else "-"
    if len(acc) > 60:
        acc = acc[-20:] + str(len(acc))
print(acc)

chk = 0
for i in range(3000):
    w = words[i % 8] + str(i)
    chk += ord(w[0]) * 3 + ord(w[-1]) + len(w) + (w < "delta") * 7 + ("ta" in w) * 11
    chk += w.find("a") + w.count("a") + len(w.upper()) + w.startswith("e")
print(chk)

# Formatting with %, format() and f-strings of changing value types.
out = []
for i in range(1500):
    v = i if i < 500 else i / 8 if i < 1000 else "s%d" % i
    t = f"{v}|{v!r}" + ("%s" % (v,)) + "{:>6}".format(v)
    if i % 250 == 0:
        out.append(t)
print(out)

# Building with join and splitting back.
parts = []
for i in range(2000):
    parts.append(str(i * 7 % 1000))
joined = ",".join(parts)
back = joined.split(",")
s = 0
for p in back:
    s += int(p)
print(len(joined), s, joined[:30], joined[-30:])

# String multiplication and comparison chains.
cmp = 0
for i in range(2500):
    a = "ab" * (i % 5)
    b = "a" + "b" * (i % 3)
    cmp += (a < b) + 2 * (a == b) + 4 * (a > b) + 8 * (b in a)
print(cmp)

# Indexing out of range on the last iteration.
try:
    text = "x" * 1000
    n = 0
    for i in range(2000):
        n += text[i] == "x"
except IndexError as e:
    print(n, e)
