# itertools: product, permutations, combinations, combinations_with_replacement (CPython's order,
# counts, edge cases r=0 / r>n / empty pools, argument errors)
from itertools import product, permutations, combinations, combinations_with_replacement as cwr
import math


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


print(list(product("ab", range(2))))
print(list(product("ab", repeat=2)), list(product()), list(product([], [1])), list(product("a", repeat=0)))
print(list(product([1, 2], "xy", [True])))
print(len(list(product(range(4), repeat=4))), list(product(range(3), repeat=3))[-5:])
show("product(repeat=-1)", lambda: product([1], repeat=-1))
show("product(foo=1)", lambda: product([1], foo=1))
show("product(1)", lambda: product(1))
show("product(repeat='a')", lambda: product([1], repeat='a'))

print(list(permutations("abc")), list(permutations(range(4), 2))[:7])
print(list(permutations([])), list(permutations("ab", 0)), list(permutations("ab", 3)), list(permutations("abc", None))[:2])
print(len(list(permutations(range(6)))), math.factorial(6), list(permutations(range(5), 5))[100])
show("permutations(r=-1)", lambda: permutations("ab", -1))
show("permutations(r='a')", lambda: permutations("ab", 'a'))
show("permutations(r=2.0)", lambda: permutations("ab", 2.0))
show("permutations()", lambda: permutations())

print(list(combinations("ABCD", 2)), list(combinations(range(4), 3)))
print(list(combinations("abc", 0)), list(combinations("abc", 4)), list(combinations([], 0)), list(combinations("ab", r=2)))
print(len(list(combinations(range(12), 5))), math.comb(12, 5))
show("combinations(r missing)", lambda: combinations("ab"))
show("combinations(r=-2)", lambda: combinations("ab", -2))
show("combinations(iterable=1, r=1)", lambda: combinations(iterable=1, r=1))

print(list(cwr("ABC", 2)), list(cwr([], 2)), list(cwr([], 0)), list(cwr("ab", 0)), list(cwr("x", 3)))
print(len(list(cwr(range(5), 3))), math.comb(5 + 3 - 1, 3))
show("cwr(r=-1)", lambda: cwr("a", -1))

# the objects are lazy iterators over a snapshot of the input
src = [1, 2, 3]
p = permutations(src, 2)
src.append(4)
print(next(p), len(list(p)))
g = (i for i in range(3))
c = combinations(g, 2)
print(list(g), list(c))
t = product(range(2), repeat=2)
print(next(t), next(t), list(t), list(t))
print(type(cwr("a", 1)).__name__, repr(type(product())))
print(sum(1 for _ in product(range(10), repeat=4)))
print(sorted(set(map(sum, combinations(range(10), 3))))[:5])
