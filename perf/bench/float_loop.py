# float_loop: tight loop of float arithmetic in local variables (no allocation of objects).
# quick-arg: 300000
import sys


def work(n):
    x = 0.5
    y = 1.5
    s = 0.0
    dt = 1.0 / n
    for i in range(n):
        t = i * dt
        x = x * 0.999 + t * 0.25 - y * 0.001
        y = y + x * dt - 0.5 * y * dt
        if x > 10.0:
            x -= 10.0
        s += x * y + t / (1.0 + x * x)
    return s, x, y


def main(n):
    s, x, y = work(n)
    print("%.9f %.9f %.9f" % (s, x, y))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 14000000)
