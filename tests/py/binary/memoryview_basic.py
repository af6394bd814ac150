# memoryview: attributes, indexing, slicing, cast, tolist/tobytes/hex, release, comparison.
def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))

m = memoryview(b"abcdef")
t("attrs", lambda: (m.format, m.itemsize, m.ndim, m.shape, m.strides, m.suboffsets, m.readonly, m.nbytes, m.c_contiguous, m.f_contiguous, m.contiguous, m.obj))
t("index", lambda: (m[0], m[-1], len(m), list(m)))
t("slice", lambda: (m[1:4].tobytes(), m[::2].tobytes(), m[::-1].tobytes(), m[::2].shape, m[::2].strides, m[::2].c_contiguous, m[4:1].tobytes()))
t("slice of slice", lambda: m[1:][::2][1:].tobytes())
t("bytes of strided", lambda: (bytes(m[::2]), bytearray(m[::-2]), b"-".join([m[::3]])))
t("tolist hex", lambda: (m.tolist(), m.hex(), m.hex(":"), m[::2].hex(), m[1:3].tolist()))
t("index out", lambda: m[10])
t("index str", lambda: m["a"])
t("setitem readonly", lambda: m.__setitem__(0, 1))
t("hash", lambda: hash(m) == hash(b"abcdef"))
t("eq", lambda: (m == b"abcdef", m == bytearray(b"abcdef"), m == memoryview(b"abcdef"), m != b"x", m == "abcdef", m[::2] == b"ace"))
t("lt", lambda: m < m)

buf = bytearray(b"\x00" * 8)
w = memoryview(buf)
t("writable", lambda: (w.readonly, w.obj is buf))
w[0] = 255
w[1:3] = b"ab"
w[-1] = 7
print(buf)
t("set bad value", lambda: w.__setitem__(0, 256))
t("set bad type", lambda: w.__setitem__(0, b"a"))
t("set slice size", lambda: w.__setitem__(slice(0, 2), b"abc"))
t("del", lambda: w.__delitem__(0))
t("hash writable", lambda: hash(w))
i = w.cast("i")
t("cast i", lambda: (i.format, i.itemsize, i.shape, i.strides, i.nbytes, len(i), i.tolist()))
i[0] = -2
i[1] = 2**31 - 1
print(buf, i.tolist())
t("cast i overflow", lambda: i.__setitem__(0, 2**31))
t("cast i float", lambda: i.__setitem__(0, 1.5))
t("cast back", lambda: i.cast("B").tolist())
t("cast 2d", lambda: (w.cast("B", (2, 4)).tolist(), w.cast("B", [4, 2]).shape, w.cast("B", (2, 4)).strides, w.cast("B", (2, 4))[1, 3]))
t("2d index", lambda: w.cast("B", (2, 4))[0])
t("2d len", lambda: len(w.cast("B", (2, 4))))
t("cast bad size", lambda: memoryview(b"abc").cast("i"))
t("cast bad shape", lambda: memoryview(b"abcd").cast("B", (3,)))
t("cast non-byte", lambda: i.cast("h"))
t("cast bad format", lambda: w.cast("x"))
t("cast strided", lambda: m[::2].cast("B"))
fm = memoryview(bytearray(16)).cast("d")
fm[0] = 1.5
fm[1] = -2
t("double", lambda: (fm.tolist(), fm.format))
ff = memoryview(bytearray(8)).cast("f")
ff[0] = 0.1
t("float", lambda: ff.tolist())
t("formats", lambda: [memoryview(bytes(8)).cast(c).tolist() for c in "bBhHiIlLqQ?cnNPfd"])
t("cast e", lambda: memoryview(bytes(8)).cast("e"))
q = memoryview(bytearray(8)).cast("Q")
q[0] = 2**64 - 1
t("Q max", lambda: (q[0], q.tolist()))
t("Q neg", lambda: q.__setitem__(0, -1))
z = memoryview(b"a").cast("B", ())
t("0-dim", lambda: (z.ndim, z.shape, z.tolist()))
t("ro", lambda: (w.toreadonly().readonly, w.toreadonly().tobytes()))
t("not buffer", lambda: memoryview("abc"))
t("not buffer int", lambda: memoryview(5))
t("type names", lambda: (type(m).__name__, type(iter(m)).__name__))

# release and the context-manager methods
r = memoryview(b"xyz")
t("enter", lambda: r.__enter__() is r)
r.__exit__(None, None, None)
t("released index", lambda: r[0])
t("released len", lambda: len(r))
t("released attr", lambda: r.format)
t("released tobytes", lambda: r.tobytes())
t("released eq", lambda: (r == r, r == b"xyz"))
r.release()
src = bytearray(b"12")
a = memoryview(src)
b = memoryview(a)
c = a[1:]
a.release()
t("views survive", lambda: (b.tobytes(), c.tobytes()))
t("still exported", lambda: src.append(1))
b.release()
c.release()
src.append(51)
print(src)
e = memoryview(bytearray(b"ab"))
held = memoryview(e)
e.release()
t("release order", lambda: held.tobytes())
