# copy, string, textwrap, keyword, heapq, bisect, operator, itertools, contextlib, abc, weakref, struct, math, time.
import copy, string, textwrap, keyword, heapq, bisect, operator, itertools, contextlib, abc, weakref, struct, math, time

a = [1, [2, 3], {"k": [4]}]
b = copy.deepcopy(a)
b[1].append(9)
print(a, b, copy.copy(a)[1] is a[1])
print(string.ascii_lowercase[:5], string.Template("$x and ${y}").substitute(x=1, y=2), string.capwords("hello big world"))
print(textwrap.wrap("The quick brown fox jumps over the lazy dog", 12), textwrap.dedent("  a\n  b"), textwrap.shorten("Hello  world  again", 12))
print(keyword.iskeyword("for"), keyword.iskeyword("spam"), len(keyword.kwlist) > 30)
h = [5, 1, 4, 2]
heapq.heapify(h)
print(heapq.heappop(h), heapq.nsmallest(2, [9, 3, 7, 1]), heapq.nlargest(2, [9, 3, 7, 1]))
print(bisect.bisect_left([1, 3, 5], 3), bisect.bisect([1, 3, 5], 4))
print(operator.itemgetter(1)([5, 6]), operator.attrgetter("real")(3), sorted([(1, "b"), (0, "a")], key=operator.itemgetter(1)))
print(list(itertools.chain([1], [2, 3])), list(itertools.accumulate([1, 2, 3])), list(itertools.permutations("ab")))

@contextlib.contextmanager
def tag(n):
    print("<" + n + ">")
    yield n
    print("</" + n + ">")
with tag("p") as t:
    print("inside", t)
with contextlib.suppress(KeyError):
    {}["x"]
print("suppressed")

class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self): ...
class Sq(Shape):
    def area(self): return 4
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
print(Sq().area(), isinstance(Sq(), Shape))

class O: pass
o = O()
r = weakref.ref(o)
print(r() is o)
print(struct.pack("<hI", 1, 2), struct.unpack(">H", b"\x01\x02"), math.gcd(12, 18), math.isclose(0.1 + 0.2, 0.3))
print(type(time.time()).__name__, time.strftime("%Y", time.gmtime(0)))
