# _random: the Mersenne Twister must give python3's numbers bit for bit for every seed type.
import _random

r = _random.Random(42)
print([r.random() for i in range(5)])
print(r.getrandbits(5), r.getrandbits(32), r.getrandbits(33), r.getrandbits(70), r.getrandbits(1000), r.getrandbits(0))
seeds = [0, 1, -1, -5, 42, 2**31, 2**32 - 1, 2**32, 2**64 + 17, -(2**100), 12345678901234567890,
         3.5, -2.5, 0.1, 1e300, True, False, (1, 2), "abc", b"xyz", None.__class__]
for s in seeds:
    if isinstance(s, (str, bytes, type)):
        continue  # str/bytes hash is randomised; random.py turns them into ints first
    r.seed(s)
    print(repr(s), r.random(), r.getrandbits(64))
for s in range(0, 2000, 97):
    r.seed(s)
    total = 0
    for i in range(200):
        total += r.getrandbits(31)
    print(s, total, r.random())
# getstate / setstate
r.seed(2024)
st = r.getstate()
print(len(st), st[-1], st[0], st[311], st[623])
a = [r.random() for i in range(10)]
r.setstate(st)
print(a == [r.random() for i in range(10)])
r.getrandbits(17)
st2 = r.getstate()
print(st2[-1], st2 == st)
r2 = _random.Random()
r2.setstate(st2)
print(r2.random() == r.random())
# an unseeded generator still works; seed() and seed(None) reseed from the OS
r3 = _random.Random()
print(type(r3.random()).__name__, 0.0 <= r3.random() < 1.0)
r3.seed()
r3.seed(None)
print(0 <= r3.getrandbits(8) < 256)
for f in [lambda: r.setstate((1, 2)), lambda: r.setstate(st[:-1] + (625,)), lambda: r.setstate(st[:-1] + (-1,)),
          lambda: r.setstate([0] * 625), lambda: r.getrandbits(-1), lambda: r.getrandbits(1.5),
          lambda: _random.Random(1, 2), lambda: _random.Random(x=1), lambda: _random.Random([1]),
          lambda: r.seed(1, 2)]:
    try:
        f()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)
