# itertools: accumulate, chain, compress, dropwhile, takewhile, filterfalse, starmap, groupby,
# islice, pairwise, zip_longest, tee — results, laziness, argument errors, __reduce__ state
from itertools import (accumulate, chain, compress, dropwhile, takewhile, filterfalse, starmap,
                       groupby, islice, pairwise, zip_longest, tee, count)


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3, 4], initial=100)))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate("abc")))
print(list(accumulate([], initial=7)), list(accumulate([2, 3, 4], lambda a, b: a * b)))
print(list(accumulate([1, 2], func=None, initial=None)))
show("accumulate(1)", lambda: accumulate(1))
show("accumulate([1],max,3)", lambda: accumulate([1], max, 3))
show("accumulate([1,'a'])", lambda: list(accumulate([1, 'a'])))
a = accumulate([1, 2, 3])
next(a)
print(a.__reduce__()[2])

print(list(chain("ab", [1, 2], (), range(3))), list(chain()), list(chain.from_iterable(["xy", "z"])))
print(list(chain.from_iterable(map(range, range(4)))))
show("chain(1)", lambda: list(chain([1], 1)))
show("chain(k=1)", lambda: chain(k=1))
ch = chain("ab", "cd")
next(ch)
print(type(ch.__reduce__()[2]).__name__)

print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(compress(range(10), [True] * 3)))
print(list(compress(data=[1, 2, 3], selectors=[0, 1, 1])))
show("compress(1)", lambda: compress([1]))

print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a', None, [], [0]])))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(lambda *a: sum(a), [[1, 2], (3,), iter([4, 5, 6])])))
show("dropwhile(f)", lambda: dropwhile(len))
show("takewhile(f, x=1)", lambda: takewhile(len, [], x=1))
show("starmap bad", lambda: list(starmap(pow, [1])))
dw = dropwhile(lambda x: x < 2, range(5))
print(next(dw), dw.__reduce__()[2])
tw = takewhile(lambda x: x < 2, range(5))
print(list(tw), tw.__reduce__()[2])

for k, g in groupby("AAAABBBCCDAABBB"):
    print(k, list(g), end="; ")
print()
print([(k, len(list(g))) for k, g in groupby(sorted("mississippi"))])
print([k for k, g in groupby([1, 1, 2, 3, 3])])
words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
for k, g in groupby(words, key=lambda w: w[0]):
    print(k, list(g))
gb = groupby([1, 1, 2, 2, 3])
k1, g1 = next(gb)
k2, g2 = next(gb)
print(k1, list(g1), k2, list(g2))
print([list(g) for k, g in groupby([])])
print(type(g1).__name__)
show("groupby(1)", lambda: groupby(1))

print(list(islice("ABCDEFG", 2)), list(islice("ABCDEFG", 2, 4)), list(islice("ABCDEFG", 2, None)),
      list(islice("ABCDEFG", 0, None, 2)), list(islice(count(), 3, 20, 5)), list(islice("abc", None)))
print(list(islice(range(10), 100)), list(islice(range(10), 8, 2)), list(islice([], 3)))
show("islice big", lambda: list(islice(range(100), 2 ** 100)))
for args in [(-1,), (1, -1), (0, 5, 0), ('a',), (1, 2, -3), (None, None, None), (-5,), (0, 'x'), (2.5,)]:
    show("islice%r" % (args,), lambda: list(islice(range(5), *args)))
show("islice()", lambda: islice([]))
show("islice(5 args)", lambda: islice([], 1, 2, 3, 4))
it = iter(range(10))
print(list(islice(it, 3)), next(it), list(islice(it, 2, 4)), next(it))
sl = islice(range(10), 1, 8, 3)
next(sl)
print(sl.__reduce__()[1][1:], sl.__reduce__()[2])

print(list(pairwise("ABCDE")), list(pairwise([1])), list(pairwise([])))
show("pairwise()", lambda: pairwise())

print(list(zip_longest("ABCD", "xy", fillvalue="-")), list(zip_longest("ab", range(3), [None])))
print(list(zip_longest()), list(zip_longest([1, 2])))
show("zip_longest(x=)", lambda: zip_longest([], x=1))
show("zip_longest(1)", lambda: zip_longest([], 1))
zl = zip_longest("ab", "c", fillvalue=0)
print(next(zl), zl.__reduce__()[2])

a, b = tee(range(5))
print(list(a), list(b))
a, b, c = tee(iter("abcdef"), 3)
print(next(a), next(a), next(b), list(c), list(a), list(b))
print(tee([1, 2], 0), len(tee([])), type(tee([])[0]).__name__)
t1, t2 = tee(x * x for x in range(200))
print(sum(t1), sum(t2))
t3 = t1.__copy__()
print(list(t3))
x, y = tee(range(100))
print(list(islice(x, 60))[-1], next(y), list(y)[-1], list(x)[:3])
show("tee(x, -1)", lambda: tee([], -1))
show("tee(x, 'a')", lambda: tee([], 'a'))
u, v = tee(iter([1, 2, 3]))
w, z = tee(u)
print(type(w) is type(u), list(w), list(z), list(v))
