# The _sre API: module constants and helpers, Pattern/Match/Scanner attributes and methods,
# argument and error handling, str (ASCII and not) and bytes subjects.
import _sre

SPECS = {SPECS}


def compile(name):
    return _sre.compile(*SPECS[name])


def attempt(f, *args, **kwargs):
    try:
        return f(*args, **kwargs)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(repr(_sre.copyright))
print([_sre.ascii_iscased(c) for c in (65, 97, 48, 95, 0xE9, 0x10000)])
print([_sre.unicode_iscased(c) for c in (65, 97, 48, 95, 0xE9, 0xC9, 0x0661)])
print([_sre.ascii_tolower(c) for c in (65, 90, 97, 64, 91, 0xC9)])
print([_sre.unicode_tolower(c) for c in (65, 90, 97, 0xC9, 0xE9, 0x391, 0x410)])
print(attempt(_sre.ascii_tolower, "a"), attempt(_sre.ascii_tolower, 1.5), attempt(_sre.ascii_tolower))

# -- Pattern objects --------------------------------------------------------------------------
p = compile("named")
print(p.pattern, p.flags, p.groups, dict(p.groupindex))
print(repr(p), repr(compile("bytes_i")), repr(compile("verbose_m")), repr(compile("long"))[-30:])
print(repr(compile("ascii_s")), repr(compile("locale_bytes")))
q = compile("named")
print(p == q, p != q, p == compile("plain"), p == "x", hash(p) == hash(q))
print(p.__copy__() is p, p.__deepcopy__({}) is p)
print(attempt(p.__deepcopy__), attempt(p.match), attempt(p.match, 1), attempt(p.match, b"ab"))
print(attempt(compile("bytes_i").match, "ab"), attempt(p.match, "ab", "x"), attempt(p.search, "a", 1.0))
print(attempt(p.match, "ab", nope=1), attempt(p.match, "ab", 0, 2, 3), attempt(p.match, "ab", 10**30))
print(attempt(p.sub), attempt(p.sub, "x"), attempt(p.split, "ab", maxsplit="2"))

# -- Match objects ----------------------------------------------------------------------------
m = p.search("xx key=value yy")
print(repr(m), m.group(), m.group(0), m.group(1), m.group(1, 2), m.group("key", "value", 0))
print(m["key"], m[2], m[0], m.groups(), m.groupdict(), m.lastindex, m.lastgroup)
print(m.start(), m.end(), m.span(), m.start(1), m.end("value"), m.span("key"), m.regs)
print(m.pos, m.endpos, m.string, m.re is p, m.__copy__() is m, m.__deepcopy__(None) is m)
for bad in (3, -1, "nope", 1.5, None, (1,), True):
    print(repr(bad), attempt(m.group, bad), attempt(m.start, bad), attempt(lambda: m[bad]))
print(attempt(m.start, 1, 2), attempt(m.span, group=1), attempt(m.groups, 1, 2), attempt(m.groups, nope=1))
o = compile("optional").match("ac")
print(o.groups(), o.groups("-"), o.groups(default=0), o.groupdict(), o.groupdict("?"), o.span(2), o.start(2))
print(o.group(2), o[2], o.lastindex, o.lastgroup, o.regs)
alt = compile("alt")
print([(x.lastindex, x.lastgroup, x.groups()) for x in alt.finditer("a1 b c2")])
print(repr(compile("plain").match("a" * 100)))
print(repr(compile("bytes_i").search(b"xxAbAB")))
e = compile("empty").match("abc", 1, 2)
print(repr(e), e.pos, e.endpos, e.span())
print(True if m else False, type(m).__name__, type(m).__module__, type(p).__name__, type(p).__module__)

# -- pos / endpos ---------------------------------------------------------------------------
w = compile("word")
s = "one two three four"
for pos, endpos in ((0, 100), (-5, 7), (4, 3), (5, 5), (100, 200), (4, -1), (2, 11)):
    print(pos, endpos, w.findall(s, pos, endpos), [x.span() for x in w.finditer(s, pos, endpos)],
          repr(w.search(s, pos, endpos)), repr(w.match(s, pos=pos, endpos=endpos)))
anch = compile("anchors")
print(repr(anch.search("ab\nab", 3)), repr(anch.match("xab", 1)), anch.findall("ab\nab"))

# -- sub / subn / split / findall ----------------------------------------------------------
print(w.sub("<>", s), w.sub("<>", s, 2), w.subn("<>", s, count=1), w.sub(lambda x: x.group().upper(), s))
print(w.sub(lambda x: None, s), w.sub("", s), repr(w.sub("x", "")), w.subn("x", "!!"))
print(attempt(w.sub, lambda x: 1, s), attempt(compile("bytes_i").sub, "x", b"a"))
print(attempt(compile("bytes_i").sub, lambda x: "x", b"a"), compile("bytes_i").sub(b"-", b"xAbyab"))
print(w.split(s), w.split(s, 2), compile("sep").split("a, b;c ,d"), compile("sepgroup").split("a, b;c"))
print(compile("empty").split("abc"), compile("empty").sub("-", "abc"), compile("empty").findall("ab"))
print(compile("pair").findall("a=1, b=2, c="), compile("alt").findall("a1 b c2"))

# -- Scanner ------------------------------------------------------------------------------
sc = w.scanner("ab cd  ef")
print(type(sc).__name__, sc.pattern is w)
print([repr(sc.search()) for _ in range(5)])
sc = w.scanner("ab cd", 1)
print([repr(sc.match()) for _ in range(3)])
print(attempt(sc.match, 1), attempt(sc.search, x=1))
it = w.finditer("a b c")
print(type(it).__name__, next(it).span(), [x.group() for x in it])

# -- Non-ASCII subjects ----------------------------------------------------------------------
u = "héllo wörld, ünïcode ☃ 123 ٣ done"
print(w.findall(u), [x.span() for x in w.finditer(u)], w.sub("_", u), w.split(u, 3))
print(compile("digits").findall(u), compile("spaces").split(u), compile("nonword").findall(u))
um = compile("named").search("ключ=значение")
print(repr(um), um.span(1), um.group(2), um.groupdict())
print(compile("word").search(u, 7), repr(compile("word").match(u, 6, 9)))
print(compile("ignore").findall("ÉCOLE école Ecole"), compile("ignore").sub("X", "éÉ eE"))

# -- Deep backtracking runs in heap memory ---------------------------------------------------
big = "ab" * 50000
print(compile("altstar").match(big).span(), compile("lazy").match(big + "c").span())
print(len(compile("word").findall("x " * 100000)))

# -- Invalid code ----------------------------------------------------------------------------
print(attempt(_sre.compile, "a", 0, [1, 2, 3], 0, {}, ()))
print(attempt(_sre.compile, "a", 0, [17, 2**32, 1], 0, {}, ()))
print(attempt(_sre.compile, "a", 0, [17, -1, 1], 0, {}, ()))
print(attempt(_sre.compile, "a", 0, (1,), 0, {}, ()), attempt(_sre.compile, 1, 0, [1], 0, {}, ()))
print(attempt(_sre.compile, "a", 0, [18, 1], 0, {}, ()), attempt(_sre.compile, None, 0, [1], 0, {}, ()))
