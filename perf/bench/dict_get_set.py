# dict_get_set: dict store/load/contains/get with int and str keys.
# argv[1] = number of repetitions of a 50,000-key work unit.
# quick-arg: 2
import sys


def work(n, seed):
    d = {}
    for i in range(n):
        d[i] = i * 2 + seed
    acc = 0
    for rep in range(3):
        for i in range(n):
            d[i] = d[i] + 1
            if (i * 7) in d:
                acc += 1
            acc += d.get(i + n, 3)
    keys = []
    for i in range(200):
        keys.append("k" + str(i))
    sd = {}
    for rep in range(n // 50):
        for k in keys:
            sd[k] = sd.get(k, 0) + rep
    total = 0
    for k in keys:
        total += sd[k]
    return acc, len(d), total, d[n - 1]


def main(reps):
    check = 0
    for r in range(reps):
        res = work(50000, r)
        check = (check * 31 + res[0] + res[1] + res[2] + res[3]) & 0xFFFFFFFF
    print(res, check)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 54)
