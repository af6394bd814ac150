# operator (pure-Python module over the native _operator): every function, itemgetter /
# attrgetter / methodcaller with reprs and __reduce__, length_hint, in-place ops, errors
import operator
import _operator
from operator import itemgetter, attrgetter, methodcaller


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(operator.add is _operator.add, operator.__add__ is _operator.add, operator.itemgetter is _operator.itemgetter)
for name in ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift", "and_", "or_", "xor",
             "lt", "le", "eq", "ne", "gt", "ge", "is_", "is_not", "concat", "contains", "countOf", "indexOf"]:
    f = getattr(operator, name)
    args = {"concat": ([1], [2]), "contains": ([1, 2], 2), "countOf": ([1, 2, 1], 1),
            "indexOf": ([5, 6, 7], 7)}.get(name, (7, 3))
    show(name, lambda: f(*args))
for name in ["neg", "pos", "abs", "invert", "inv", "not_", "truth", "index"]:
    show(name, lambda: getattr(operator, name)(-5))
print(operator.truediv(7, 2), operator.matmul.__name__, operator.abs(-2.5), operator.not_([]), operator.truth("x"))
a = [1, 2]
print(operator.iadd(a, [3]) is a, a, operator.iconcat(a, [4]), operator.imul([1], 3), operator.isub(10, 3),
      operator.ipow(2, 10), operator.ior({1}, {2}), operator.ixor(6, 3), operator.iand(6, 3),
      operator.ifloordiv(9, 2), operator.itruediv(9, 2), operator.imod(9, 4), operator.ilshift(1, 4),
      operator.irshift(64, 2))
d = {}
operator.setitem(d, "k", 1)
print(d, operator.getitem(d, "k"), operator.delitem(d, "k"), d)
print(operator.length_hint([1, 2, 3]), operator.length_hint(iter(range(10))), operator.length_hint(object(), 7))
class Hint:
    def __length_hint__(self):
        return 4
class BadHint:
    def __length_hint__(self):
        return -1
class NIHint:
    def __length_hint__(self):
        return NotImplemented
print(operator.length_hint(Hint()), operator.length_hint(NIHint(), 9))
show("length_hint neg", lambda: operator.length_hint(BadHint()))
show("length_hint bad default", lambda: operator.length_hint([], "a"))
show("length_hint float default", lambda: operator.length_hint([], 1.0))
print(operator.call(divmod, 17, 5), operator.call(sorted, [3, 1], reverse=True))
show("neg 2 args", lambda: operator.neg(1, 2))
show("add 1 arg", lambda: operator.add(1))
show("not_ 0 args", lambda: operator.not_())
show("index float", lambda: operator.index(1.5))
show("indexOf missing", lambda: operator.indexOf([1], 2))
show("concat int", lambda: operator.concat(1, 2))
show("lt mixed", lambda: operator.lt(1, "a"))
print(_operator._compare_digest("abc", "abc"), _operator._compare_digest(b"abc", b"abd"), _operator._compare_digest(b"a", b"ab"))
show("digest mixed", lambda: _operator._compare_digest("a", b"a"))
show("digest non-ascii", lambda: _operator._compare_digest("a", "é"))
show("digest ints", lambda: _operator._compare_digest(1, 2))

rows = [("b", 2, [0, 9]), ("a", 3, [1]), ("c", 1, [])]
print(sorted(rows, key=itemgetter(1)), sorted(rows, key=itemgetter(0)))
print(itemgetter(0, 2)(rows[0]), itemgetter(slice(1, None))("hello"), itemgetter("k")({"k": "v"}))
print(repr(itemgetter(1)), repr(itemgetter(1, "a")), itemgetter(1).__reduce__(), itemgetter(1, 2).__reduce__())
show("itemgetter()", lambda: itemgetter())
show("itemgetter call 2", lambda: itemgetter(1)(1, 2))
show("itemgetter call kw", lambda: itemgetter(1)(x=1))
show("itemgetter index error", lambda: itemgetter(5)([]))


class P:
    def __init__(self, name, child=None):
        self.name, self.child = name, child

    def greet(self, greeting, punct="!"):
        return greeting + " " + self.name + punct


p = P("outer", P("inner", P("leaf")))
print(attrgetter("name")(p), attrgetter("child.name")(p), attrgetter("child.child.name", "name")(p))
print(repr(attrgetter("name")), repr(attrgetter("a.b", "c")), attrgetter("a.b", "c").__reduce__())
show("attrgetter(1)", lambda: attrgetter(1))
show("attrgetter missing", lambda: attrgetter("nope")(p))
show("attrgetter deep missing", lambda: attrgetter("child.nope")(p))
print(sorted([P("z"), P("m"), P("a")], key=attrgetter("name"))[0].name)
mc = methodcaller("greet", "hi")
print(mc(p), methodcaller("greet", "yo", punct="?")(p), methodcaller("upper")("abc"))
print(repr(mc), repr(methodcaller("greet", "yo", punct="?")), mc.__reduce__())
r = methodcaller("greet", "x", punct=".").__reduce__()
print(r[0](p) if False else type(r[0]).__name__, r[1])
show("methodcaller()", lambda: methodcaller())
show("methodcaller(1)", lambda: methodcaller(1))
show("methodcaller missing", lambda: methodcaller("nope")(p))
print(list(map(itemgetter(0), [(1, 2), (3, 4)])), list(map(methodcaller("count", 1), [[1, 1], [0]])))
print(type(itemgetter(1)).__name__, type(attrgetter("a")).__module__, type(methodcaller("a")))
total = 0
get = itemgetter(1)
for i in range(2000):
    total = operator.add(total, get((i, i * 2)))
print(total)
