# String building in hot loops: str + str and str(int) run through helpers inside traces;
# a non-str operand, a str subclass and huge ints leave the trace for the interpreter.
class S(str):
    pass


def build(n, sep):
    out = []
    acc = ""
    for i in range(n):
        piece = "n" + str(i * 7 - 1000) + sep
        out.append(piece)
        if len(acc) < 200:
            acc = acc + piece
    return len(out), out[:2], out[-1], acc[:40], len(acc)


print(build(2500, ","))
print(build(1200, S(";")))

words = []
for k in range(1500):
    w = "w" + str(k)
    if k == 1000:
        w = w + str(2 ** 70)        # big int: str() leaves the int64 fast path
    words.append(w)
print(words[999], words[1000], words[-1])

try:
    t = ""
    for k in range(2000):
        t = t + ("x" if k < 1500 else k)
except TypeError as e:
    print("TypeError:", e, len(t))
