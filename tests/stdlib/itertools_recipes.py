# The itertools documentation's recipes, built from itertools, operator, _collections.deque and
# _functools.reduce, run in loops (the JIT modes trace them)
import operator
from itertools import (chain, combinations, compress, count, cycle, filterfalse, groupby, islice, repeat, starmap,
                       tee, zip_longest, accumulate, product, permutations)
from _collections import deque
from _functools import reduce


def take(n, iterable):
    return list(islice(iterable, n))


def prepend(value, iterator):
    return chain([value], iterator)


def tabulate(function, start=0):
    return map(function, count(start))


def tail(n, iterable):
    return iter(deque(iterable, maxlen=n))


def consume(iterator, n=None):
    if n is None:
        deque(iterator, maxlen=0)
    else:
        next(islice(iterator, n, n), None)


def nth(iterable, n, default=None):
    return next(islice(iterable, n, None), default)


def all_equal(iterable):
    g = groupby(iterable)
    return next(g, True) and not next(g, False)


def quantify(iterable, pred=bool):
    return sum(map(pred, iterable))


def ncycles(iterable, n):
    return chain.from_iterable(repeat(tuple(iterable), n))


def sumprod(vec1, vec2):
    return sum(starmap(operator.mul, zip(vec1, vec2)))


def flatten(list_of_lists):
    return chain.from_iterable(list_of_lists)


def repeatfunc(func, times=None, *args):
    if times is None:
        return starmap(func, repeat(args))
    return starmap(func, repeat(args, times))


def grouper(iterable, n, fillvalue=None):
    args = [iter(iterable)] * n
    return zip_longest(*args, fillvalue=fillvalue)


def sliding_window(iterable, n):
    it = iter(iterable)
    window = deque(islice(it, n), maxlen=n)
    if len(window) == n:
        yield tuple(window)
    for x in it:
        window.append(x)
        yield tuple(window)


def roundrobin(*iterables):
    num_active = len(iterables)
    nexts = cycle(iter(it).__next__ for it in iterables)
    while num_active:
        try:
            for nxt in nexts:
                yield nxt()
        except StopIteration:
            num_active -= 1
            nexts = cycle(islice(nexts, num_active))


def partition(pred, iterable):
    t1, t2 = tee(iterable)
    return filterfalse(pred, t1), filter(pred, t2)


def powerset(iterable):
    s = list(iterable)
    return chain.from_iterable(combinations(s, r) for r in range(len(s) + 1))


def unique_everseen(iterable, key=None):
    seen = set()
    if key is None:
        for element in filterfalse(seen.__contains__, iterable):
            seen.add(element)
            yield element
    else:
        for element in iterable:
            k = key(element)
            if k not in seen:
                seen.add(k)
                yield element


def unique_justseen(iterable, key=None):
    return map(next, map(operator.itemgetter(1), groupby(iterable, key)))


def iter_except(func, exception, first=None):
    try:
        if first is not None:
            yield first()
        while True:
            yield func()
    except exception:
        pass


def first_true(iterable, default=False, pred=None):
    return next(filter(pred, iterable), default)


def nth_combination(iterable, r, index):
    pool = tuple(iterable)
    n = len(pool)
    c = 1
    k = min(r, n - r)
    for i in range(1, k + 1):
        c = c * (n - k + i) // i
    if index < 0:
        index += c
    result = []
    while r:
        c, n, r = c * r // n, n - 1, r - 1
        while index >= c:
            index -= c
            c, n = c * (n - r) // n, n - 1
        result.append(pool[-1 - n])
    return tuple(result)


print(take(5, tabulate(lambda x: x * x)), list(prepend(0, [1, 2])), list(tail(3, range(10))))
it = iter(range(20))
consume(it, 5)
print(next(it), nth(range(100), 42), nth("abc", 10, "dflt"), all_equal("aaaa"), all_equal("aab"), all_equal(""))
print(quantify([1, 0, 3, 0, 5]), list(ncycles("ab", 3)), sumprod([1, 2, 3], [4, 5, 6]), list(flatten([[1, 2], [3]])))
print(list(repeatfunc(pow, 3, 2, 5)), take(3, repeatfunc(len, None, "abc")))
print(list(grouper("ABCDEFG", 3, "x")), list(sliding_window("ABCDEF", 4)))
print(list(roundrobin("ABC", "D", "EF")), [list(p) for p in partition(lambda x: x % 2, range(10))])
print(list(powerset([1, 2, 3])), list(unique_everseen("AAAABBBCCDAABBB")), list(unique_everseen("ABBcCAD", str.lower)))
print(list(unique_justseen("AAAABBBCCDAABBB")), list(unique_justseen("ABBcCAD", str.lower)))
d = {"a": 1, "b": 2, "c": 3}
print(sorted(iter_except(d.popitem, KeyError)), first_true([0, None, 7, 9]), first_true([], "none"),
      first_true(range(10), pred=lambda x: x > 6))
print(nth_combination(range(10), 3, 17), list(combinations(range(10), 3))[17])
print(reduce(operator.add, accumulate(range(100))), list(accumulate(range(8), operator.mul, initial=1)))
total = 0
for a, b in product(range(30), repeat=2):
    total += a * b
for p in permutations(range(6), 3):
    total += p[0]
for w in sliding_window(range(2000), 5):
    total += w[2]
for k, g in groupby(sorted(str(i * 7 % 13) for i in range(3000))):
    total += len(list(g))
print(total)
