# sieve: sieve of Eratosthenes on a list of bools, repeated.
# quick-arg: 200000
import sys


def sieve(limit):
    flags = [True] * (limit + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= limit:
        if flags[i]:
            j = i * i
            while j <= limit:
                flags[j] = False
                j += i
        i += 1
    count = 0
    last = 0
    for k in range(limit + 1):
        if flags[k]:
            count += 1
            last = k
    return count, last


def main(limit):
    total = 0
    for rep in range(5):
        count, last = sieve(limit - rep)
        total += count + last
    print(count, last, total)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 4000000)
