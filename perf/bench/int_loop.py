# int_loop: tight while/for loops on small ints (add, mul, mod, xor, shifts, compares).
# quick-arg: 300000
import sys


def work(n):
    acc = 0
    i = 0
    while i < n:
        acc = (acc + i * 7) % 1000003
        acc ^= i >> 3
        if acc & 1:
            acc += 11
        else:
            acc -= 5
        i += 1
    for j in range(n):
        acc = (acc * 3 + j) & 0xFFFFF
    return acc


def main(n):
    print(work(n))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 11000000)
