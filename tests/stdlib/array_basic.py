# array: every typecode, conversions and CPython's overflow messages, sequence protocol,
# methods, bytes/list/unicode/file round trips, pickling support, the buffer export.
from array import array, typecodes, ArrayType
import array as array_module

def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))

print(typecodes, ArrayType is array)
for tc in "bBhHiIlLqQfd":
    a = array(tc, [1, 2, 3])
    print(tc, a.typecode, a.itemsize, a, a.tolist(), a.tobytes(), len(a), a[0], a[-1], list(a))
for tc in "bBhHiIlLqQ":
    for v in [2**70, -2**70, 2**64, -1, 300, 2**31, 2**63, -129, 65536, 2**32]:
        try:
            array(tc, [v])
        except Exception as e:
            print(tc, v, type(e).__name__, e)
t("u", lambda: (array("u", "héllo"), array("u", "ab").tounicode(), array("u", "xy").tolist()))
t("bad typecode", lambda: array("x"))
t("no args", lambda: array())
t("float item", lambda: array("i", [1.5]))
t("str item", lambda: array("i", ["a"]))
t("double str", lambda: array("d", ["a"]))
t("u int", lambda: array("u", [1]))
t("str init", lambda: array("i", "abc"))
t("bytes init", lambda: (array("h", b"\x01\x00\x02\x00"), array("i", bytearray(b"\xff\xff\xff\xff"))))
t("bytes init odd", lambda: array("i", b"abc"))
t("iter init", lambda: (array("d", range(3)), array("b", (x for x in [1, 2])), array("i", array("b", [5, 6]))))
a = array("i", range(10))
t("slice", lambda: (a[2:5], a[::3], a[::-1], a[7:2:-2], a[100:]))
t("index out", lambda: a[10])
t("index str", lambda: a["x"])
b = array("i", range(10))
b[0] = 100
b[1:3] = array("i", [7, 8, 9])
b[::4] = array("i", [-1, -2, -3])
del b[0]
del b[::3]
print(b)
t("slice assign list", lambda: b.__setitem__(slice(0, 1), [1]))
t("slice assign other kind", lambda: b.__setitem__(slice(0, 1), array("d", [1.0])))
t("ext slice size", lambda: b.__setitem__(slice(0, 6, 2), array("i", [1])))
t("set str", lambda: b.__setitem__(0, "x"))
t("set out", lambda: b.__setitem__(100, 1))
c = array("l", [3, 1, 2])
c.append(5)
c.extend([6, 7])
c.extend(array("l", [8]))
c.insert(0, 0)
c.insert(-1, 9)
c.insert(100, 10)
print(c, c.pop(), c.pop(0), c.pop(-2), c)
c.remove(2)
c.reverse()
print(c, c.index(6), c.index(1, 3), c.count(1), 7 in c, 42 in c)
t("pop empty", lambda: array("i").pop())
t("pop out", lambda: array("i", [1]).pop(5))
t("remove missing", lambda: array("i", [1]).remove(2))
t("index missing", lambda: array("i", [1]).index(2))
t("extend other kind", lambda: array("i").extend(array("d")))
t("fromlist", lambda: array("i").fromlist(5))
d = array("i", [1])
t("fromlist bad", lambda: d.fromlist([2, "a"]))
print(d)
d.fromlist([2, 3])
d.frombytes(b"\x04\x00\x00\x00")
print(d, d.tolist())
t("frombytes odd", lambda: d.frombytes(b"ab"))
t("frombytes str", lambda: d.frombytes("ab"))
t("tounicode", lambda: d.tounicode())
t("fromunicode", lambda: d.fromunicode("a"))
u = array("u")
u.fromunicode("abc")
print(u, u.tounicode())
e = array("h", [1, 256, -2])
e.byteswap()
print(e, e.tobytes())
t("concat", lambda: (array("i", [1]) + array("i", [2]), array("b", [1, 2]) * 2, 3 * array("d", [0.5]), array("i") * 0))
t("concat list", lambda: array("i") + [1])
t("concat kind", lambda: array("i") + array("d"))
f = array("i", [1])
g = f
f += array("i", [2])
f *= 2
print(f, g is f)
t("compare", lambda: (array("i", [1, 2]) == array("i", [1, 2]), array("i", [1]) < array("i", [2]), array("i", [1, 2]) > array("i", [1]), array("i", [1]) == array("d", [1.0]), array("i", [1]) == [1], array("b", [1]) != array("b", [1, 2])))
t("reduce", lambda: (array("i", [1, 2]).__reduce_ex__(2), array("i", [1, 2]).__reduce_ex__(3), array("d", [1.5]).__reduce_ex__(4), array("u", "a").__reduce_ex__(3), array("B", [1]).__reduce_ex__(3), array("Q", [1]).__reduce_ex__(4)))
r = array("d", [1.5, 2.5]).__reduce_ex__(3)
t("reconstruct", lambda: r[0](*r[1]))
t("copy", lambda: (array("i", [1]).__copy__(), array("i", [2]).__deepcopy__({})))
t("type names", lambda: (type(iter(array("i"))).__name__, array.__module__, array_module._array_reconstructor.__name__))
# buffer export: memoryview, bytes(), writes through, no resizing while exported
h = array("i", [1, 2, 3])
m = memoryview(h)
print(m.format, m.itemsize, m.nbytes, m.tolist(), bytes(h)[:8], bytearray(array("B", [65, 66])))
m[0] = 42
print(h)
t("append exported", lambda: h.append(4))
t("pop exported", lambda: h.pop())
m.release()
h.append(4)
print(h, memoryview(array("d", [1.0])).format)
