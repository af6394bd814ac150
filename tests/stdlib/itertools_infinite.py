# itertools: count, cycle, repeat (reprs, __reduce__, __length_hint__, argument errors)
import itertools
from itertools import count, cycle, repeat, islice


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


c = count()
print(next(c), next(c), next(c), repr(c))
print(list(islice(count(5), 4)), repr(count(5)))
print(list(islice(count(10, 3), 4)), repr(count(10, 3)))
print(list(islice(count(2.5), 3)), repr(count(2.5)))
print(list(islice(count(0, 0.5), 5)), repr(count(0, 0.5)))
print(list(islice(count(1, 1.0), 3)), repr(count(1, 1.0)))
print(list(islice(count(step=-2), 4)), repr(count(step=-2)))
print(list(islice(count(True), 3)), repr(count(True)))
print(repr(count(2 ** 70)), list(islice(count(2 ** 70, 2 ** 69), 3)))
big = count(2 ** 63 - 2)
print(next(big), next(big), next(big), repr(big))
print(count(3).__reduce__()[1], count(3, 2).__reduce__()[1], count(1.5).__reduce__()[1])
show("count('a')", lambda: count('a'))
show("count(1, 'x')", lambda: count(1, 'x'))
show("count(1, 2, 3)", lambda: count(1, 2, 3))
show("count(foo=1)", lambda: count(foo=1))
print(list(islice(count(1 + 2j, 1j), 3)))

cy = cycle("abc")
print([next(cy) for _ in range(8)])
print(list(islice(cycle([]), 5)))
def gen():
    print("gen start")
    yield 1
    yield 2
    print("gen end")
cg = cycle(gen())
print([next(cg) for _ in range(5)])
show("cycle()", lambda: cycle())
show("cycle(1)", lambda: cycle(1))
show("cycle([1], [2])", lambda: cycle([1], [2]))
show("cycle(x=1)", lambda: cycle(x=[1]))

r = repeat("a", 3)
print(repr(r), r.__length_hint__(), list(r), repr(r), r.__length_hint__())
print(repr(repeat(None)), repr(repeat([1, 2], -5)), list(repeat(7, -1)))
print(list(repeat(object=1, times=2)), repeat("x", 2).__reduce__()[1], repeat("x").__reduce__()[1])
show("len_hint inf", lambda: repeat(1).__length_hint__())
show("repeat()", lambda: repeat())
show("repeat(1, 'a')", lambda: repeat(1, 'a'))
show("repeat(1, 2.0)", lambda: repeat(1, 2.0))
print(list(map(pow, range(5), repeat(2))))
print(list(zip(range(3), repeat("z"))))
import operator
print(operator.length_hint(repeat(1, 4)), operator.length_hint(count(), 9) if hasattr(operator, "length_hint") else None)
print(type(count()).__name__, type(cycle([])).__name__, type(repeat(1)).__name__)
print(count.__module__ if hasattr(count, "__module__") else None, repr(count))
print(sorted(n for n in dir(itertools) if not n.startswith("__")))
