# bytes construction, repr, comparison, hashing, operators, %-formatting, indexing.
def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))

class WithBytes:
    def __bytes__(self):
        return b"from __bytes__"

class BadBytes:
    def __bytes__(self):
        return "not bytes"

class Idx:
    def __index__(self):
        return 3

t("bytes()", lambda: (bytes(), bytes(3), bytes([1, 2, 255]), bytes(range(65, 70)), bytes(b"x"), bytes(bytearray(b"ba")), bytes(memoryview(b"mv")), bytes("é", "utf-8"), bytes("abc", encoding="ascii")))
t("bytes(Idx)", lambda: bytes(Idx()))
t("bytes(__bytes__)", lambda: bytes(WithBytes()))
t("bytes(bad __bytes__)", lambda: bytes(BadBytes()))
t("bytes(-1)", lambda: bytes(-1))
t("bytes([256])", lambda: bytes([256]))
t("bytes(['a'])", lambda: bytes(["a"]))
t("bytes(str)", lambda: bytes("abc"))
t("bytes(1.5)", lambda: bytes(1.5))
t("bytes(int, enc)", lambda: bytes(3, "utf-8"))
t("bytes(str, errors only)", lambda: bytes("x", errors="strict"))
t("repr", lambda: [b"", b"'", b'"', b"'\"", b"\\", b"\t\n\r\x00\x7f\x80\xff", b"abc"])
t("str", lambda: str(b"ab"))
t("compare", lambda: (b"abc" == b"abc", b"abc" < b"abd", b"ab" < b"abc", b"b" > b"abc", b"abc" == bytearray(b"abc"), b"a" != "a", b"abc" <= b"abc", b"" < b"\x00"))
t("compare str", lambda: b"a" < "a")
t("hash", lambda: (hash(b"abc") == hash(b"abc"), hash(b"") == hash(b""), hash(b"abc") == hash("abc"), hash(memoryview(b"abc")) == hash(b"abc")))
t("dict key", lambda: {b"a": 1, b"b": 2}[b"b"])
t("concat", lambda: (b"ab" + b"cd", b"ab" + bytearray(b"cd"), b"ab" + memoryview(b"cd"), b"ab" * 3, 2 * b"xy", b"ab" * 0, b"ab" * -1))
t("concat str", lambda: b"ab" + "cd")
t("concat int", lambda: b"ab" + 1)
t("mul float", lambda: b"ab" * 1.5)
t("index", lambda: (b"abc"[0], b"abc"[-1], b"abc"[Idx() if False else 1]))
t("index out", lambda: b"abc"[3])
key = "a"
t("index str", lambda: b"abc"[key])
t("slice", lambda: (b"abcdef"[1:4], b"abcdef"[::2], b"abcdef"[::-1], b"abcdef"[-2:], b"abcdef"[10:], b"abcdef"[4:1]))
t("iter", lambda: list(b"abc"))
t("len", lambda: (len(b""), len(b"abc")))
t("percent", lambda: (b"%s and %b" % (b"x", bytearray(b"y")), b"%d %i %5.2f %x %X %o %e" % (42, -3, 3.14159, 255, 255, 8, 12345.678)))
t("percent c", lambda: (b"%c%c" % (65, b"B"), b"%5c|" % 67, b"%-4s|%4s|" % (b"ab", b"cd")))
t("percent r a", lambda: (b"%r" % "é", b"%a" % "x\n", b"%r" % 1))
t("percent mapping", lambda: b"%(a)s-%(b)d" % {b"a": b"A", b"b": 7})
t("percent percent", lambda: (b"100%%" % (), b"%s%%" % b"5"))
t("percent __bytes__", lambda: b"[%s]" % WithBytes())
t("percent str arg", lambda: b"%s" % "text")
t("percent too few", lambda: b"%s %s" % b"a")
t("percent too many", lambda: b"%s" % (b"a", b"b"))
t("percent c big", lambda: b"%c" % 256)
t("percent star", lambda: b"%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 1.0))
t("bool", lambda: (bool(b""), bool(b"\x00")))
t("getnewargs", lambda: b"xy".__getnewargs__())
t("bytes of bytes", lambda: b"abc".__bytes__())
t("type name", lambda: (type(b"").__name__, type(iter(b"")).__name__))
t("int.from_bytes", lambda: (int.from_bytes(b"\x01\x00", "big"), int.from_bytes(bytearray(b"\x01\x00"), "little"), (258).to_bytes(2, "big")))
t("str decode", lambda: (str(b"caf\xc3\xa9", "utf-8"), str(bytearray(b"ab"), "ascii"), str(memoryview(b"xy"), "latin-1")))
