# bisect_set: a puzzle solver over sorted lists and sets (builtins only: bisect is written
# here): insort into a sorted list, binary searches, set union/difference/membership, frozenset
# keys in a dict of seen states, and a breadth-first search over number states.
# quick-arg: 2
import sys


def bisect_left(a, x):
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def insort(a, x):
    a.insert(bisect_left(a, x), x)


def nearest(a, x):
    i = bisect_left(a, x)
    if i == 0:
        return a[0]
    if i == len(a):
        return a[-1]
    return a[i] if a[i] - x < x - a[i - 1] else a[i - 1]


def reachable(start, target, limit):
    # BFS over ints with moves +3, *2, -7 (bounded), counting steps
    seen = {start}
    frontier = [start]
    steps = 0
    while frontier and steps < limit:
        if target in seen:
            return steps
        nxt = set()
        for v in frontier:
            for w in (v + 3, v * 2, v - 7):
                if 0 <= w < 5000 and w not in seen:
                    nxt.add(w)
        seen |= nxt
        frontier = sorted(nxt)
        steps += 1
    return -1


def subsets_sum(items, goal):
    # states as frozensets of used indices, memoised
    memo = {}
    count = 0
    states = [frozenset()]
    for i, x in enumerate(items):
        new = []
        for st in states:
            s = sum(items[j] for j in st) + x
            if s <= goal:
                key = st | {i}
                if key not in memo:
                    memo[key] = s
                    new.append(key)
                    if s == goal:
                        count += 1
        states.extend(new)
    return count, len(memo)


def main(rounds):
    checksum = 0
    for r in range(rounds):
        s = 12345 + r
        a = []
        for i in range(3000):
            s = (s * 1103515245 + 12345) & 0x7FFFFFFF
            insort(a, (s >> 10) % 100000)
        near = 0
        for i in range(20000):
            near = (near + nearest(a, i * 5)) % 1000003
        evens = {x for x in a if x % 2 == 0}
        threes = set(x for x in a if x % 3 == 0)
        both = evens & threes
        either = evens | threes
        only = evens - threes
        hits = sum(1 for x in range(0, 100000, 7) if x in either)
        bfs = sum(reachable(k, 4000 - k, 40) for k in range(1, 30))
        cnt, memo = subsets_sum([3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 2, 4], 50 + r % 3)
        checksum = (checksum * 31 + near + len(both) * 7 + len(either) + len(only) + hits + bfs
                    + cnt * 101 + memo) % 1000003
        print(r, near, len(both), len(either), len(only), hits, bfs, cnt, memo, checksum)
    print("checksum", checksum)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
