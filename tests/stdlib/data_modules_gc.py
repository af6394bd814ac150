# The native data modules keep what they hold alive across garbage collections: objects are
# built, the program allocates enough to force several collections, then everything is consumed.
from itertools import (tee, groupby, cycle, product, permutations, combinations, chain, islice, accumulate,
                       zip_longest, pairwise, count, repeat, starmap, compress, dropwhile)
from _collections import deque, defaultdict
from _functools import partial, _lru_cache_wrapper, cmp_to_key
from _operator import itemgetter, attrgetter, methodcaller
import _json
import _csv


def churn(n=200000):
    junk = []
    for i in range(n):
        junk.append([str(i), (i, i + 1), {"k": i}])
        if len(junk) > 1000:
            junk = []
    return len(junk)


def fresh(n):
    return ["item%d" % i for i in range(n)]


t1, t2 = tee(iter(fresh(300)), 2)
next(t1)
g = groupby(sorted(fresh(50), key=len), key=len)
k, grp = next(g)
cy = cycle(fresh(5))
next(cy)
cy_first = [next(cy) for _ in range(4)]
pr = product(fresh(3), fresh(2))
pe = permutations(fresh(4), 2)
co = combinations(fresh(5), 3)
ch = chain(fresh(2), fresh(3))
acc = accumulate(fresh(4))
zl = zip_longest(fresh(2), fresh(4), fillvalue="fill" + str(7))
pw = pairwise(fresh(4))
sm = starmap(lambda a, b: a + b, [(str(i), str(i * 2)) for i in range(5)])
cp = compress(fresh(6), [1, 0] * 3)
dw = dropwhile(lambda s: s < "item3", fresh(6))
cnt = count(10 ** 30)
rp = repeat(fresh(1)[0], 3)
dq = deque(fresh(500), maxlen=400)
dq.rotate(123)
dd = defaultdict(lambda: ["default" + str(1)])
for i in range(100):
    dd[str(i)].append(str(i * i))
p = partial(max, *fresh(3), key=lambda s: s[::-1])
cache = _lru_cache_wrapper(lambda x: [x] * 2, 64, False, tuple)
for i in range(100):
    cache(str(i))
K = cmp_to_key(lambda a, b: (a > b) - (a < b))
keys = [K(s) for s in fresh(20)]
ig, ag, mc = itemgetter(*range(3)), attrgetter("real", "imag"), methodcaller("split", "m", 1)


class Ctx:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float
    memo = {}


scanner = _json.make_scanner(Ctx())
encoder = _json.make_encoder({}, str, _json.encode_basestring_ascii, None, ": ", ", ", True, False, True)
reader = _csv.reader(["a,b", '"multi', 'line",c'] + ["x%d,y" % i for i in range(100)])
first_row = next(reader)

print("collected", churn())

print(list(t1)[:3], len(list(t2)), k, list(grp)[:2], [kk for kk, _ in g])
print(cy_first, [next(cy) for _ in range(6)])
print(list(pr), list(pe)[:5], list(co)[-2:], list(ch), list(acc)[-1])
print(list(zl), list(pw), list(sm), list(cp), list(dw), next(cnt), list(rp))
print(len(dq), dq[0], dq[-1], dq[200], list(dq)[:2])
print(len(dd), dd["7"], dd["new"], sorted(dd)[:3])
print(p(), p("zzz"), cache("5"), cache.cache_info())
print([k.obj for k in sorted(keys, reverse=True)][:3], ig("abcd"), ag(3 + 4j), mc("hammer"))
print(scanner('{"a": [1, 2.5, "x", {"b": null}]}', 0), "".join(encoder({"z": [1, "é"], "a": {1: 2}}, 0)))
print(first_row, next(reader), len(list(reader)), reader.line_num)

# again, with collections happening while the iterators run (Python code in the callbacks)
def noisy_key(s):
    churn(3000)
    return len(s) % 3
print([(k, len(list(v))) for k, v in groupby(fresh(40), key=noisy_key)][:5])
print(sorted(fresh(30), key=cmp_to_key(lambda a, b: churn(500) * 0 + ((a > b) - (a < b))))[:3])
dq2 = deque()
for i in range(20000):
    dq2.append([i])
    if i % 7 == 0:
        dq2.appendleft((i,))
    if len(dq2) > 5000:
        dq2.pop()
        dq2.popleft()
print(len(dq2), dq2[0], dq2[-1], sum(len(x) for x in dq2))
