# array * n, n * array and a *= n: the repeated items, empty for n <= 0, MemoryError (before
# anything is allocated) when the result cannot exist.
import array
from sys import maxsize

for code, items in (("b", [1, -2, 3]), ("d", [2.5, -1.0]), ("u", "xyz"), ("q", [7])):
    a = array.array(code, items)
    for n in (-3, 0, 1, 2, 5):
        print(code, n, (a * n).tolist(), (n * a).tolist())
    b = array.array(code, items)
    b *= 3
    print(code, "*=", b.tolist(), len(b))
    b *= 0
    print(code, "*= 0", b.tolist())
    e = array.array(code)
    print(code, "empty", (e * 10**6).tolist())

a = array.array("d", [-1] * 65536)
try:
    a *= maxsize // 65536 + 1
except MemoryError:
    print("MemoryError", len(a))
b = array.array("d", [2.71828183, 3.14159265, -1])
for n in (maxsize // 3 + 1, maxsize):
    try:
        b * n
    except MemoryError:
        print("MemoryError", n == maxsize)
for bad in ("2", 2.0, None):
    try:
        b * bad
    except TypeError as exc:
        print("TypeError", exc)
