# Subclasses of bytes and bytearray keep the built-in behaviour; results of methods are plain.
def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))

class MyBytes(bytes):
    def shout(self):
        return self.upper() + b"!"

mb = MyBytes(b"sub")
mb.tag = 1
t("bytes subclass", lambda: (type(mb).__name__, mb, mb.tag, mb + b"!", mb.shout(), type(mb.upper()).__name__, isinstance(mb, bytes), len(mb), mb[0], mb[1:], type(mb[1:]).__name__))
t("bytes() of subclass", lambda: (bytes(mb), type(bytes(mb)).__name__, mb == b"sub", hash(mb) == hash(b"sub"), b"-".join([mb, mb])))
t("subclass construct", lambda: (MyBytes(3), MyBytes([65, 66]), MyBytes("é", "utf-8"), type(MyBytes(b"x")).__name__))
t("fromhex subclass", lambda: (MyBytes.fromhex("4142"), type(MyBytes.fromhex("4142")).__name__))
t("memoryview of subclass", lambda: memoryview(mb).tobytes())

class WithBytes(bytes):
    def __new__(cls, value, extra):
        self = super().__new__(cls, value)
        self.extra = extra
        return self

w = WithBytes(b"abc", 5)
t("custom __new__", lambda: (w, w.extra, w.decode()))

class MyBA(bytearray):
    def __init__(self, data, note=""):
        super().__init__(data)
        self.note = note

s = MyBA(b"sub", note="n")
s.append(33)
s += b"?"
t("bytearray subclass", lambda: (repr(s), type(s).__name__, s.note, s.upper(), type(s.upper()).__name__, isinstance(s, bytearray), s == b"sub!?", len(s)))
s[0] = 83
del s[-1]
t("mutation", lambda: (s, s.pop(), s, bytes(s)))
t("memoryview of bytearray subclass", lambda: memoryview(s).tobytes())
