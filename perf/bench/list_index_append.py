# list_index_append: list append, index read/write, negative index, pop, len.
# argv[1] = number of repetitions of a 100,000-element work unit.
# quick-arg: 2
import sys


def work(n, seed):
    lst = []
    for i in range(n):
        lst.append(i * 3 + seed)
    acc = 0
    m = len(lst)
    for rep in range(4):
        for i in range(m):
            lst[i] = lst[i] + lst[m - 1 - i] - rep
            acc += lst[i] & 255
        acc += lst[-1] + lst[-2]
    while len(lst) > n // 2:
        acc += lst.pop() & 15
    return acc & 0xFFFFFFFF, len(lst)


def main(reps):
    total = 0
    for r in range(reps):
        acc, length = work(100000, r)
        total = (total * 31 + acc + length) & 0xFFFFFFFF
    print(acc, length, total)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 36)
