# string_build: string concatenation, join, split, slicing, str(int), %-formatting, methods.
# argv[1] = number of repetitions of a 100,000-step work unit.
# quick-arg: 2
import sys


def checksum(s):
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) & 0xFFFFFFF
    return h


def work(n, seed):
    s = ""
    for i in range(n):
        s += str((i + seed) % 97)
        if len(s) > 1000:
            s = s[500:]
    parts = []
    for i in range(n):
        parts.append("item" + str(i + seed) + ",")
    joined = "".join(parts)
    up = joined[:10000].upper()
    words = joined.split(",")
    acc = 0
    for w in words:
        if w.startswith("item1"):
            acc += len(w)
    r = ""
    for i in range(n // 10):
        r = "%s-%d" % ("ab", i) + r[:50]
    return len(joined), acc, checksum(s), checksum(up), checksum(r), len(words)


def main(reps):
    check = 0
    for k in range(reps):
        res = work(100000, k)
        for v in res:
            check = (check * 31 + v) & 0xFFFFFFFF
    print(res, check)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 45)
