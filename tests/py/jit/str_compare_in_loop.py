# `str == str` and `str != str` in hot loops: equal contents in different objects, interned and
# built strings, non-ASCII text, empty strings, and a comparison whose operand type changes.
words = ["alpha", "beta", "", "gamma", "\u00e9t\u00e9", "beta", "b" + "eta", "\u4e2d"]
count = 0
for i in range(400):
    w = words[i % len(words)]
    if w == "beta":
        count += 1
    if w != "":
        count += 2
    if w == words[(i + 3) % len(words)]:
        count += 100
print(count)

built = []
for i in range(300):
    s = str(i % 10) + "x"
    built.append(s == "3x")
    built.append(s != "4" + "x")
print(built.count(True), built.count(False))

mixed = ["a", 1, "a", None, "a", 2.0, "b"]
hits = 0
for i in range(350):
    v = mixed[i % len(mixed)]
    if v == "a":
        hits += 1
    if "b" != v:
        hits += 3
print(hits)
