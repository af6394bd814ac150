# itertools __reduce__ / __setstate__: rebuilding an iterator mid-way from its reduce value
# continues exactly where the original was (what pickle and copy do with them)
from itertools import (count, cycle, repeat, accumulate, chain, compress, dropwhile, takewhile, filterfalse,
                       starmap, groupby, islice, zip_longest, product, permutations, combinations,
                       combinations_with_replacement, tee)


def rebuild(it):
    r = it.__reduce__()
    new = r[0](*r[1])
    if len(r) > 2 and r[2] is not None:
        new.__setstate__(r[2])
    return new


def check(label, make, skip):
    a = make()
    for _ in range(skip):
        next(a)
    b = rebuild(a)
    print(label, list(islice(b, 12)) == list(islice(a, 12)), list(islice(rebuild(make()), 5)))


check("count", lambda: count(3, 2), 4)
check("cycle", lambda: cycle("abcdefgh"), 2)
check("repeat", lambda: repeat("x", 9), 3)
check("accumulate", lambda: accumulate(range(10)), 3)
check("accumulate initial", lambda: accumulate(range(5), initial=100), 0)
check("chain", lambda: chain("ab", "cd", "ef"), 3)
check("compress", lambda: compress(range(20), [1, 0, 1] * 7), 2)
check("dropwhile", lambda: dropwhile(lambda x: x < 5, range(15)), 2)
check("takewhile", lambda: takewhile(lambda x: x < 9, range(15)), 2)
check("filterfalse", lambda: filterfalse(lambda x: x % 3, range(30)), 2)
check("starmap", lambda: starmap(pow, [(2, i) for i in range(12)]), 3)
check("islice", lambda: islice(range(100), 5, 80, 7), 3)
check("zip_longest", lambda: zip_longest("abcdef", "xy", fillvalue="-"), 3)
check("product", lambda: product("abc", range(3)), 4)
check("product repeat", lambda: product("ab", repeat=3), 5)
check("permutations", lambda: permutations(range(4), 3), 7)
check("combinations", lambda: combinations(range(6), 3), 6)
check("cwr", lambda: combinations_with_replacement("abcd", 2), 5)
print(product([], [1]).__reduce__()[1], combinations("ab", 5).__reduce__()[1], permutations("abc", 2).__reduce__()[1])
done = combinations("ab", 2)
list(done)
print(done.__reduce__()[1:])
g = groupby("aaabbc")
k, grp = next(g)
print(k, g.__reduce__()[2], grp.__reduce__()[1][1])
k2, grp2 = next(g)
print(grp.__reduce__()[1], list(grp), list(grp2))
g2 = groupby("xxyyz")
print(len(g2.__reduce__()), [k for k, _ in rebuild(g2)])
a, b = tee(range(6))
next(a)
print(list(rebuild(a)), list(b))
p = product("ab", "cd")
next(p)
p.__setstate__((5, -3))
print(list(p))
pm = permutations("abc")
next(pm)
pm.__setstate__(((2, 1, 0), (1, 1, 1)))
print(list(pm))
for label, f in [("product bad", lambda: product("ab").__setstate__((1, 2))),
                 ("combinations bad", lambda: combinations("abc", 2).__setstate__([0, 1])),
                 ("cycle bad", lambda: cycle("a").__setstate__(5)),
                 ("islice neg", lambda: islice("abc", 2).__setstate__("x"))]:
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
