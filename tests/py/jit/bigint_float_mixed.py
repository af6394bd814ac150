# Ints past the immediate range (and past int64) next to floats in a traced loop: converted as
# float arithmetic converts them (correctly rounded), OverflowError past the float range.


class LCG:
    def __init__(self, seed):
        self.state = seed

    def next_float(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.state >> 11) / 9007199254740992.0


def estimate(n):
    rng = LCG(7)
    hits = 0
    for _ in range(n):
        x = rng.next_float()
        y = rng.next_float()
        if x * x + y * y <= 1.0:
            hits += 1
    return hits


def mixed(n):
    out = []
    big = (1 << 62) + 12345
    for i in range(n):
        b = big + i * 1000003
        out.append(b * 0.5)
        out.append(2.5 - b)
        out.append(b / 3.0)
        out.append(-b * 1.25)
        out.append(1.0 / (b + 1))
        out.append(b ** 0.5)
    return out


def rounding(n):
    # Odd values past 2**53: the conversion rounds half to even, like CPython's.
    acc = []
    for i in range(n):
        v = (1 << 60) + 2 * i + 1
        acc.append(v + 0.0)
        acc.append(-(v << 40) * 1.0)
    return acc


def overflow(n):
    caught = 0
    for i in range(n):
        v = 10 ** 300 * (i + 1) if i % 50 != 49 else 10 ** 400
        try:
            r = v * 1.5
        except OverflowError as e:
            caught += 1
            r = str(e)
    return caught, r


def kinds_change(n):
    out = 0.0
    for i in range(n):
        v = [3, 1 << 50, 1 << 70, 2.5, -(1 << 65)][i % 5]
        out += v * 0.25
        out -= 1.5 / v
    return out


print(estimate(3000))
m = mixed(400)
print(len(m), m[:6], m[-6:])
print(sum(m))
r = rounding(300)
print(r[:4], r[-4:])
print(overflow(200))
print(kinds_change(500))
