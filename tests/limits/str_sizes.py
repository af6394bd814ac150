# chaipy-test: rlimit-as-mb=4000
# Sizes a program chooses for str / bytes / bytearray (repeat, padding, tabs, format widths, join):
# MemoryError / OverflowError with CPython's message, at once — nothing is built first.
def attempt(label, f):
    try:
        r = f()
        print(label, "->", type(r).__name__, len(r))
    except (MemoryError, OverflowError, ValueError) as e:
        print(label, "->", type(e).__name__, e)

attempt('"a" * 10**12', lambda: "a" * 10**12)
attempt('10**12 * "a"', lambda: 10**12 * "a")
attempt('"ab" * 2**62', lambda: "ab" * 2**62)
attempt("'str' * 6364136223846793005", lambda: 'str' * 6364136223846793005)
attempt('"é" * 10**12', lambda: "é" * 10**12)
attempt('ljust', lambda: "x".ljust(10**12))
attempt('rjust', lambda: "x".rjust(10**12, "é"))
attempt('center', lambda: "x".center(10**12))
attempt('zfill', lambda: "x".zfill(10**12))
attempt('ljust 2**63', lambda: "x".ljust(2**63))
attempt('expandtabs', lambda: "\t".expandtabs(2**40))
attempt('expandtabs many', lambda: "\t\t\t\t".expandtabs(2**62))
attempt('format width', lambda: f"{1:>{10**12}}")
attempt('format width str', lambda: f"{'x':>{10**12}}")
attempt('format width 2**63', lambda: format("x", ">%d" % 2**63))
attempt('format precision', lambda: format(1.5, ".%df" % 10**12))
attempt('%*d', lambda: "%*d" % (10**12, 1))
attempt('%-*s', lambda: "%-*s" % (10**12, "x"))
attempt('b%*d', lambda: b"%*d" % (10**12, 1))
attempt('b%*s', lambda: b"%*s" % (10**12, b"x"))
attempt('str.format width', lambda: "{:>1000000000000}".format(1))
attempt('str.format float width', lambda: "{:^1000000000000.3f}".format(1.5))
attempt('format width 10**20', lambda: format(1, "%d" % 10**20))
attempt('format precision 10**20', lambda: format(1.5, ".%df" % 10**20))
attempt('bytes(10**12)', lambda: bytes(10**12))
attempt('bytearray(10**12)', lambda: bytearray(10**12))
attempt('bytes(2**63)', lambda: bytes(2**63))
attempt('bytes(-1)', lambda: bytes(-1))
attempt('bytearray(-1)', lambda: bytearray(-1))
attempt('b"a" * 10**12', lambda: b"a" * 10**12)
attempt('bytearray(b"a") * 10**12', lambda: bytearray(b"a") * 10**12)
attempt('b"x".ljust(10**12)', lambda: b"x".ljust(10**12))
attempt('b"x".center(10**12)', lambda: b"x".center(10**12))
attempt('b"x".zfill(10**12)', lambda: b"x".zfill(10**12))
attempt('b"\\t".expandtabs(2**40)', lambda: b"\t".expandtabs(2**40))
attempt('bytearray(b"x").ljust(10**12)', lambda: bytearray(b"x").ljust(10**12))
big = ["a"] * 10**6
attempt('" ".join(big)', lambda: " ".join(big))
attempt('("a" * 2**20).join(["b"] * 2**22)', lambda: ("a" * 2**20).join(["b"] * 2**22))
attempt('(b"a" * 2**20).join', lambda: (b"a" * 2**20).join([b"b"] * 2**22))
for n in (-2**63 - 1, 2**63, -2**100, 2**64, -5, 0, 3):
    attempt("str * %d" % n, lambda: "ab" * n)
    attempt("bytes * %d" % n, lambda: b"ab" * n)
    attempt("bytearray * %d" % n, lambda: bytearray(b"ab") * n)
    attempt("list * %d" % n, lambda: [1] * n)
    attempt("tuple * %d" % n, lambda: (1,) * n)
s = "ab"
def grow():
    global s
    s *= 2**62
attempt('s *= 2**62', grow)
ba = bytearray(b"xy")
def grow_ba():
    global ba
    ba *= 2**62
attempt('ba *= 2**62', grow_ba)
print(s, ba)
print(len("ab" * 100000), len(b"ab" * 100000), "x".center(9, "*"), "\tb".expandtabs(4), f"{1:>5}")
