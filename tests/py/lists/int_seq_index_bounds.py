# list/tuple .index() with start/stop beyond the machine range (clamped, as CPython's slice
# indices), int.as_integer_ratio() and int.from_bytes() on int subclasses.
import sys

a = [-2, -1, 0, 0, 1, 2]
t = tuple(a)
big = 4 * sys.maxsize
for seq in (a, t):
    print(seq.index(0, -big, big), seq.index(2, -10**30), seq.index(-2, 0, 10**40))
    for args in ((0, big, -big), (2, 0, -10), (5, -big, big)):
        try:
            seq.index(*args)
        except ValueError as e:
            print("ValueError", e)
    for bad in (1.5, "1", None):
        try:
            seq.index(0, bad)
        except TypeError as e:
            print("TypeError", e)


class Idx:
    def __index__(self):
        return 3


print(a.index(0, Idx()), t.index(1, Idx()))


class myint(int):
    pass


for v in (10, 0, -10, True, False, myint(42), 2**70):
    n, d = v.as_integer_ratio()
    print(n, d, type(n).__name__, type(d).__name__)
r = myint.from_bytes(b"\x01\x00", "big")
print(r, type(r).__name__, type(int.from_bytes(b"\xff", "little", signed=True)).__name__)


class Tagged(int):
    def __new__(cls, v):
        obj = super().__new__(cls, v + 1)
        return obj


print(Tagged.from_bytes(b"\x05", "big"), type(Tagged.from_bytes(b"\x05", "big")).__name__)
