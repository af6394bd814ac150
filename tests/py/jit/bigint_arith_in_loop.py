# Arithmetic on ints past 64 bits inside hot loops: every operator, mixed with small ints,
# results that shrink back to small ints (and grow again), ZeroDivisionError and negative
# shift counts raised on late iterations, LCGs whose state is a big int, ~ and unary -,
# shifts and products that leave int64 as they are recorded, int ** int.
M = (1 << 89) - 1
s = 1234567890123456789012345
acc = 0
small = 0
for i in range(700):
    s = (s * 1103515245 + 12345) % M
    t = s ^ (s >> 17)
    u = (t & 0xFFFFFFFFFFFF) | (i << 70)
    v = u // (i + 1) - (s % 1000)
    w = -u + (v << 3)
    acc = (acc + t % 1000003 + w % 97 + (u >> 60)) % 1000000007
    small = (s % 1000) * 3 if i % 3 else s   # big on some iterations, small on others
    acc += (~small + -small) % 13 + ~(i * 7) % 5
    acc += (i << 62 if i % 2 else i << 3) % 101 + (i + 2) ** (i % 4) % 9 + (i * 4611686018427387904) % 7
    acc += small % 11
    try:
        acc += s // (i % 200 - 150 if i > 600 else 1) % 5
        acc += (s << (-1 if i == 650 else 2)) % 7
    except (ZeroDivisionError, ValueError) as e:
        print(i, type(e).__name__, e)
print(acc, s % 1000007, small)
