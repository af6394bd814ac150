# Floor division and modulo with every sign combination, for ints, big ints and floats, inside
# hot loops (a JIT lowering to machine division must round towards minus infinity).
acc_q = 0
acc_r = 0
samples = []
for i in range(3000):
    a = (i * 7919) % 201 - 100          # -100 .. 100
    b = (i * 104729) % 23 - 11          # -11 .. 11
    if b == 0:
        continue
    q = a // b
    r = a % b
    assert q * b + r == a
    acc_q += q * (i % 5 + 1)
    acc_r += r * (i % 3 + 1)
    if i % 300 == 0:
        samples.append((a, b, q, r, divmod(a, b)))
print(acc_q, acc_r)
print(samples)

# All four sign combinations explicitly, with a big int dividend.
for a in (17, -17, 2 ** 70 + 3, -(2 ** 70) - 3):
    for b in (5, -5, 2 ** 65, -(2 ** 65)):
        s = 0
        for i in range(300):
            s += (a + i) // b + (a + i) % b
        print(a // b, a % b, s)

# Floats: signs, negative zero results and fmod-style corner cases.
fs = 0.0
seen = []
for i in range(2000):
    a = (i % 41 - 20) * 0.75
    b = (i % 7 - 3) * 1.5
    if b == 0.0:
        continue
    q = a // b
    r = a % b
    fs += q * 3 + r
    if i < 60 and i % 6 == 0:
        seen.append((a, b, q, r))
print(repr(fs))
print(seen)
print(repr(-0.0 % 5.0), repr(0.0 % -5.0), repr(-7.0 // 2.0), repr(7.0 % -2.0), repr(-1e-300 % 1.0))

# INT64_MIN-style edge: -2**63 // -1 must be a big int, not an overflow.
m = -(2 ** 63)
out = []
for i in range(1500):
    d = -1 if i % 500 == 0 else 1
    out.append(m // d)
print(out[0], out[1], out[500], sum(out) % 1000007)
