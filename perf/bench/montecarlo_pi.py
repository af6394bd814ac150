# montecarlo_pi: estimate pi with a hand-written LCG (int arithmetic + float).
# quick-arg: 100000
import sys


class LCG:
    def __init__(self, seed):
        self.state = seed

    def next_float(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.state >> 11) / 9007199254740992.0


def main(n):
    rng = LCG(42)
    hits = 0
    for _ in range(n):
        x = rng.next_float()
        y = rng.next_float()
        if x * x + y * y <= 1.0:
            hits += 1
    print(hits, "%.6f" % (4.0 * hits / n))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 5500000)
