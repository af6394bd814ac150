# int(x) from buffers (memoryview, array, bytearray, bytes), errors showing the bytes' repr,
# a base given by __index__, and int subclasses converted through their __int__.
import array

print(int(memoryview(b"123")[1:3]), int(memoryview(b"123\x00")[1:3]), int(memoryview(b"1234")[1:3]))
print(int(bytearray(b" 42 ")), int(b"-0x1f", 16), int(bytearray(b"z"), 36), int(b"1_000"))
print(int(array.array("b", [0x37, 0x38])))
for bad in (b"123\x00", bytearray(b"12 3"), memoryview(b"x1"), b"\xff1", "\u0661\u0662".encode(), b"", b"1" * 300):
    try:
        print(int(bad))
    except ValueError as e:
        print("ValueError", e)
print(int("\u0661\u0662"))
for bad, base in ((b"9", 8), (bytearray(b"0x"), 16), ("123\x00", 10)):
    try:
        int(bad, base)
    except ValueError as e:
        print("ValueError", e)


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


print(int("101", base=Idx(2)), int("101", Idx(36)), int("0x10", Idx(0)))
for base in (2**100, -2**100, 1, 37, Idx(37)):
    try:
        int("43", base)
    except ValueError as e:
        print("ValueError", e)
for base in ("2", 2.0, None):
    try:
        int("43", base)
    except TypeError as e:
        print("TypeError", e)
try:
    int(memoryview(b"12"), 10)
except TypeError as e:
    print("TypeError", e)


class MyInt(int):
    def __int__(self):
        return 42


class Plain(int):
    pass


class BadInt(int):
    def __int__(self):
        return 42.0


m = MyInt(7)
print(m == 7, int(m), type(int(Plain(5))).__name__, int(Plain(5)))
print(type(Plain(5).__int__()).__name__, type(Plain(5).__index__()).__name__, type(True.__int__()).__name__)
try:
    int(BadInt(3))
except TypeError as e:
    print("TypeError", e)
