# Sizes a program chooses: MemoryError / OverflowError before anything is allocated.
def attempt(label, f):
    try:
        r = f()
        print(label, "->", type(r).__name__, len(r) if hasattr(r, "__len__") else r)
    except (MemoryError, OverflowError, ValueError) as e:
        print(label, "->", type(e).__name__, e)

attempt("[0] * 10**10", lambda: [0] * 10**10)
attempt("[1, 2] * 2**31", lambda: [1, 2] * 2**31)
attempt("join of 10**10", lambda: " ".join(["a"] * 10**10))
attempt("(1,) * 10**11", lambda: (1,) * 10**11)
attempt("1 << 10**12", lambda: 1 << 10**12)
attempt("(-1) << 2**40", lambda: (-1) << 2**40)
attempt("to_bytes signed 0", lambda: (-127).to_bytes(0, "little", signed=True))
attempt("to_bytes 10**15", lambda: (1).to_bytes(10**15, "big"))
attempt("to_bytes -1 in 0", lambda: (-1).to_bytes(0, "big", signed=True))
attempt("to_bytes 0 in 0", lambda: (0).to_bytes(0, "big"))
attempt("to_bytes -129", lambda: (-129).to_bytes(2, "little", signed=True))
attempt("to_bytes 2**64", lambda: (2**64).to_bytes(9, "big"))
for n in (-2**63 - 1, 2**63, -2**100, 2**64, -5, 0):
    attempt("list * %d" % n, lambda: [1] * n)
    attempt("tuple * %d" % n, lambda: (1,) * n)
l = [1, 2]
def grow():
    global l
    l *= 2**62
attempt("l *= 2**62", grow)
print(l)
# Ordinary sizes still work.
print(len([0] * 100000), len((1, 2) * 50000), (1 << 100) >> 98, 3 ** 40)
