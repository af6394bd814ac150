# unpack_seq: a loop body full of tuple and list unpacking (the shape the classic unpack_sequence
# benchmark stresses): swaps, rotations, unpacking of pairs from lists, star-unpacking, nested
# unpacking in for targets and multiple return values.
# quick-arg: 20000
import sys


def divmod2(a, b):
    return a // b, a % b


def step(p, q, r):
    return q, r, (p + q + r) % 1000003


def main(n):
    a, b, c, d = 1, 2, 3, 4
    pts = [(i, i * 3 % 17) for i in range(64)]
    rows = [[i, i + 1, i + 2] for i in range(64)]
    acc = 0
    for i in range(n):
        a, b = b, a
        a, b, c, d = b, c, d, (a + i) % 1000003
        x, y = pts[i & 63]
        u, v, w = rows[i & 63]
        q, m = divmod2(i + 7, 5)
        p1, p2, p3 = step(a, b, c)
        (s, t), k = (x, y), u
        first, *rest = rows[(i + 1) & 63]
        acc = (acc + a * x + b * y + c * u + d * w + q * m + p3 + s - t + k + first + len(rest) + v) % 1000003
        if i % 4 == 0:
            for (e, f), g in zip(pts[:4], rows[:4]):
                acc = (acc + e * f + g[0]) % 1000003
    print("checksum", acc, a, b, c, d)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 600000)
