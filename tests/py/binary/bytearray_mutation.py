# bytearray: construction, repr, mutation, slice assignment, resize rules while exported.
def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))

t("construct", lambda: (bytearray(), bytearray(3), bytearray(b"ab"), bytearray([1, 2]), bytearray("é", "utf-8"), bytearray(memoryview(b"mv")), bytearray(range(3))))
t("construct bad", lambda: bytearray("abc"))
t("construct neg", lambda: bytearray(-2))
ba = bytearray(b"hello")
ba[0] = 72
print(ba, len(ba), ba[1], ba[-1], ba[1:3], type(ba[1:3]).__name__)
ba[1:3] = b"EL"
print(ba)
ba[1:3] = b""
print(ba)
ba[0:0] = [1, 2, 3]
print(ba)
ba[::2] = b"xyz"
print(ba)
del ba[0]
print(ba)
del ba[::2]
print(ba)
del ba[:]
print(ba, len(ba))
ba = bytearray(b"abcdef")
ba[2:4] = bytearray(b"123456")
print(ba)
ba[-1:] = memoryview(b"Z")
print(ba)
ba[1:5] = ba
print(ba)
t("setitem 256", lambda: ba.__setitem__(0, 256))
t("setitem str", lambda: ba.__setitem__(0, "a"))
t("setitem out", lambda: ba.__setitem__(100, 1))
t("setslice int", lambda: ba.__setitem__(slice(0, 2), 5))
t("setslice str", lambda: ba.__setitem__(slice(0, 2), "ab"))
t("ext slice size", lambda: ba.__setitem__(slice(0, 6, 2), b"ab"))
t("del out", lambda: ba.__delitem__(100))
t("getitem str", lambda: ba["x"])
t("getitem out", lambda: ba[100])
b2 = bytearray(b"xy")
b2.append(122)
b2.extend(b"AB")
b2.extend([1, 2])
b2.extend(bytearray(b"!"))
b2.insert(0, 48)
b2.insert(-1, 49)
b2.insert(100, 50)
print(b2)
print(b2.pop(), b2.pop(0), b2.pop(-2), b2)
b2.remove(65)
print(b2)
b2.reverse()
print(b2)
c = b2.copy()
c.append(0)
print(b2, c, b2 == c)
c.clear()
print(c)
t("append str", lambda: b2.append("a"))
t("append 256", lambda: b2.append(256))
t("extend int", lambda: b2.extend(5))
t("extend str", lambda: b2.extend("ab"))
t("pop empty", lambda: bytearray().pop())
t("pop out", lambda: bytearray(b"a").pop(5))
t("remove missing", lambda: bytearray(b"a").remove(98))
t("insert 300", lambda: bytearray(b"a").insert(0, 300))
x = bytearray(b"ab")
y = x
x += b"cd"
print(x, y is x)
x *= 2
print(x, y is x)
print(x + b"!", b"!" + x, x * 2, 2 * bytearray(b"q"), x + memoryview(b"mv"))
t("concat str", lambda: x + "s")
t("hash", lambda: hash(bytearray(b"a")))
t("compare", lambda: (bytearray(b"abc") == b"abc", bytearray(b"abc") < b"abd", bytearray(b"b") > bytearray(b"a"), bytearray(b"a") == "a", bytearray(b"ab") == memoryview(b"ab")))
t("methods", lambda: (bytearray(b" a b ").split(), bytearray(b"abc").upper(), bytearray(b"-").join([b"a", b"b"]), bytearray(b"xax").strip(b"x"), bytearray(b"abc").replace(b"b", b"B"), bytearray(b"a,b").partition(b",")))
t("methods types", lambda: [type(r).__name__ for r in (bytearray(b"a").upper(), bytearray(b"a b").split()[0], bytearray(b"ab").center(4))])
t("find", lambda: (bytearray(b"abcabc").find(b"c"), bytearray(b"abc").count(97), bytearray(b"abc").index(99), 98 in bytearray(b"abc")))
t("hex", lambda: (bytearray(b"\x01\xab").hex(), bytearray(b"abcd").hex("-", 2)))
t("decode", lambda: bytearray(b"caf\xc3\xa9").decode())
t("percent", lambda: bytearray(b"%s=%d") % (b"k", 5))
t("reduce", lambda: (bytearray(b"ab").__reduce__(), bytearray(b"ab").__reduce_ex__(2), bytearray(b"ab").__reduce_ex__(4)))
t("iter", lambda: (list(bytearray(b"abc")), type(iter(bytearray())).__name__))

# Resizing while a memoryview is exported is refused; item writes are fine.
buf = bytearray(b"abcdef")
m = memoryview(buf)
m[0] = 65
buf[1] = 66
print(buf, m.tobytes())
t("append exported", lambda: buf.append(1))
t("extend exported", lambda: buf.extend(b"x"))
t("del exported", lambda: buf.__delitem__(0))
t("pop exported", lambda: buf.pop())
t("clear exported", lambda: buf.clear())
t("resize slice exported", lambda: buf.__setitem__(slice(0, 2), b"x"))
t("same size slice exported", lambda: buf.__setitem__(slice(0, 2), b"xy"))
def iadd():
    global buf
    buf += b"z"
t("iadd exported", iadd)
print(buf)
m.release()
buf.append(33)
print(buf)
