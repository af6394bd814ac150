# bigint: arithmetic on ~1000-digit integers (add, sub, mul, floordiv, mod, pow, shifts).
# quick-arg: 300
import sys


def work(n):
    a = 3 ** 2100 + 12345           # ~1000 digits
    b = 7 ** 1180 + 67890           # ~1000 digits
    m = 10 ** 1000 + 7
    x = a
    acc = 0
    for i in range(n):
        x = (x * b + a) % m
        y = x // (b >> 1500) + (x << 7) - (a >> 3)
        z = (y ^ b) | (x & a)
        acc = (acc + z % 1000000007 + (y - x) % 998244353) % 1000000007
    p = pow(a, 65537, m)
    return acc, x % 1000000007, p % 1000000007, x.bit_length()


def main(n):
    print(work(n))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 60000)
