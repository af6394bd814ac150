# match statements: every pattern kind, guards, bindings, and the order cases are tried in.

class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class Color:
    RED = "red"
    GREEN = "green"


def describe(v):
    match v:
        case None:
            return "None"
        case True:
            return "True"
        case 0 | 1 | 2:
            return "small int %r" % (v,)
        case -1:
            return "minus one"
        case 2.5 | -0.5:
            return "float"
        case 1+2j | -3-4j:
            return "complex"
        case "hello" | b"bytes":
            return "literal string"
        case Color.RED:
            return "the red constant"
        case []:
            return "empty sequence"
        case [x]:
            return "one element %r" % (x,)
        case [x, y] if x == y:
            return "pair of equal %r" % (x,)
        case (x, y):
            return "pair %r %r" % (x, y)
        case [first, *middle, last] if len(middle) > 2:
            return "long: %r %r %r" % (first, middle, last)
        case [first, *_, last]:
            return "first/last %r %r" % (first, last)
        case {"type": "user", "name": str(name), **rest}:
            return "user %s %r" % (name, rest)
        case {"type": t}:
            return "typed map %r" % (t,)
        case {}:
            return "other mapping"
        case Point3(x, y, z=0):
            return "flat point3 %r %r" % (x, y)
        case Point(x=0, y=0):
            return "origin"
        case Point(0, y) | Point(y, 0):
            return "on an axis at %r" % (y,)
        case Point(x, y) as p if x == y:
            return "diagonal %r" % (p,)
        case Point():
            return "some point"
        case str() as s:
            return "a string of length %d" % len(s)
        case int(n) | float(n):
            return "number %r" % (n,)
        case _:
            return "something else: " + type(v).__name__


values = [None, True, False, 0, 1, 2, -1, 2.5, -0.5, 1 + 2j, -3 - 4j, "hello", b"bytes", "red", [], (),
          [7], ["a", "a"], ("a", "b"), [1, 2, 3, 4, 5], (1, 2, 3), range(3),
          {"type": "user", "name": "ann", "age": 5}, {"type": "user", "name": 3}, {"type": 9}, {"a": 1}, {},
          Point3(1, 2, 0), Point3(1, 2, 3), Point(0, 0), Point(0, 4), Point(5, 0), Point(3, 3), Point(1, 2),
          "xyz", 42, 4.5, {1, 2}, object]
for v in values:
    print(repr(v) if not isinstance(v, type) else v.__name__, "->", describe(v))


# bindings survive the match; a failed case can leave partial bindings (CPython does too)
def bindings(v):
    match v:
        case [a, b, c] if c > 0:
            pass
        case [a, b, *c]:
            pass
    return a, b, c


print(bindings([1, 2, 3]))
print(bindings([1, 2, -3]))
print(bindings([1, 2, 3, 4]))


# or-patterns with bindings in different orders
def swap(v):
    match v:
        case (x, 0) | (0, x):
            return "axis", x
        case ([x, y] | (y, x)):
            return x, y


print(swap((5, 0)), swap((0, 6)), swap([1, 2]), swap((1, 2)))


# sequence patterns do not match strings, bytes or mappings
for v in ["ab", b"ab", {"a": 1, "b": 2}]:
    match v:
        case [x, y]:
            print("sequence", x, y)
        case _:
            print("not a sequence", type(v).__name__)


# mapping patterns use get() and do not trigger __missing__ for absent keys
class Defaulting(dict):
    def __missing__(self, key):
        return "missing"


match Defaulting(a=1):
    case {"b": _}:
        print("wrong")
    case {"a": 1}:
        print("mapping matched without __missing__")

# nested patterns
data = {"items": [{"id": 1, "tags": ["x", "y"]}, {"id": 2, "tags": []}]}
match data:
    case {"items": [{"id": first_id, "tags": [*tags]}, *others]}:
        print("nested", first_id, tags, len(others))

# capture with as on a group and the subject evaluated once
calls = []


def subject():
    calls.append(1)
    return [1, [2, 3]]


match subject():
    case [1, ([2, _] as inner)]:
        print("inner", inner, "subject evaluated", len(calls))

# match on a tuple subject written without parentheses
match 1, "a":
    case (1, "b"):
        print("no")
    case 1, "a":
        print("tuple subject")

# guards see the bindings; the default case can have a guard
for n in range(4):
    match n:
        case x if x % 2 == 0:
            print(n, "even")
        case _ if n == 3:
            print(n, "three")
        case _:
            print(n, "odd")

# self-matching builtins with one positional sub-pattern
for v in [3, "s", 2.0, (1, 2), [1], {"k": 1}, {1}, frozenset([2]), True, b"b"]:
    match v:
        case bool(b):
            print("bool", b)
        case int(i):
            print("int", i)
        case str(s) | bytes(s):
            print("str/bytes", s)
        case float(f):
            print("float", f)
        case tuple(t) | list(t):
            print("tuple/list", t)
        case dict(d) | set(d) | frozenset(d):
            print("dict/set", sorted(d))

# loops over match statements get traced by the JIT
total = 0
for i in range(2000):
    match i % 4:
        case 0:
            total += 1
        case 1 | 2:
            total += 2
        case _:
            total += 3
print(total)
