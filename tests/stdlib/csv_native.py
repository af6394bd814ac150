# _csv (the module csv.py wraps): reader and writer state machines with every dialect option,
# Dialect validation, the registry, field_size_limit, _csv.Error messages
import _csv


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


class Out:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def value(self):
        return "".join(self.parts)


def write(rows, **kw):
    o = Out()
    w = _csv.writer(o, **kw)
    for r in rows:
        w.writerow(r)
    return o.value()


def read(lines, dialect=None, **kw):
    return list(_csv.reader(lines, **kw) if dialect is None else _csv.reader(lines, dialect, **kw))


print(repr(write([["a", "b,c", 'd"e', "f\ng", "", None, 1, 2.5, True]])))
print(repr(write([["x"], [""], [], [None], ["", ""]])))
print(repr(write([["a", "b c"]], delimiter=" ", lineterminator="\n")))
print(repr(write([["a", 1, None, 2.5, "b"]], quoting=_csv.QUOTE_ALL)))
print(repr(write([["a", 1, None, 2.5, "b", True]], quoting=_csv.QUOTE_NONNUMERIC)))
print(repr(write([["a,b", 'q"', "e\\"]], quoting=_csv.QUOTE_NONE, escapechar="\\")))
print(repr(write([['q"x', "e\\y"]], doublequote=False, escapechar="\\")))
print(repr(write([["a\rb", "c\nd"]], lineterminator="\n")), repr(write([["tab\there"]], delimiter="\t")))
print(repr(write([["é€", "😀,x"]], quotechar="'")))
show("need escape", lambda: write([["a,b"]], quoting=_csv.QUOTE_NONE))
show("no escape dq", lambda: write([['a"b']], doublequote=False))
show("single empty none", lambda: write([[""]], quoting=_csv.QUOTE_NONE))
show("not iterable", lambda: write([5]))
show("no write", lambda: _csv.writer(5))
o = Out()
w = _csv.writer(o)
w.writerows([[1, 2], (3, 4), "ab"])
print(repr(o.value()), w.dialect.delimiter, w.writerow(["r"]))

print(read(["a,b,c", "1,2,3"]), read(['"a,b",c', '"say ""hi""",x']), read(["", "x"]), read([" a, b"], skipinitialspace=True))
print(read(['"multi', 'line",end']), read(["a;b"], delimiter=";"), read(["'a,b',c"], quotechar="'"))
print(read(["a\\,b,c"], escapechar="\\"), read(['"a\\"b",c'], escapechar="\\", doublequote=False))
print(read(["1,2.5,abc"], quoting=_csv.QUOTE_NONE), read(['1,"x",2.5'], quoting=_csv.QUOTE_NONNUMERIC))
print(read(["a,b\r\n", "c,d\n"]), read(["a,\"b\"c"]), read(["x\\\n", "y"], escapechar="\\"))
print(read(['"unterminated']), read(["a,b", "", "c"]), read(["é,€,😀"]), read(["a\x00b"]))
show("strict eof", lambda: read(['"abc'], strict=True))
show("strict quote", lambda: read(['"a"b'], strict=True))
show("newline in unquoted", lambda: read(["a\rb"]))
show("bytes", lambda: read([b"a,b"]))
show("float parse", lambda: read(["abc"], quoting=_csv.QUOTE_NONNUMERIC))
r = _csv.reader(["a", "b", '"c', 'd"'])
print(next(r), r.line_num, list(r), r.line_num, r.dialect.quotechar)

d = _csv.Dialect(delimiter=";", quotechar="'", escapechar="\\", doublequote=False, skipinitialspace=True,
                 lineterminator="\n", quoting=_csv.QUOTE_ALL, strict=True)
print(d.delimiter, d.quotechar, d.escapechar, d.doublequote, d.skipinitialspace, repr(d.lineterminator), d.quoting, d.strict)
e = _csv.Dialect()
print(e.delimiter, e.quotechar, e.escapechar, e.doublequote, repr(e.lineterminator), e.quoting, e.strict)
print(_csv.Dialect(d) is d, _csv.Dialect(d, delimiter="|").delimiter, _csv.Dialect(quotechar=None).quoting)
for kw in [dict(delimiter="ab"), dict(delimiter=""), dict(delimiter=1), dict(quotechar=""), dict(escapechar="xy"),
           dict(quoting=7), dict(quoting="a"), dict(quoting=None), dict(lineterminator=1), dict(lineterminator=None),
           dict(foo=1), dict(quotechar=None, quoting=_csv.QUOTE_ALL), dict(escapechar=5)]:
    show("Dialect %r" % kw, lambda: _csv.Dialect(**kw).delimiter)
show("setattr", lambda: setattr(e, "delimiter", "x"))


class MyDialect:
    delimiter = "|"
    quotechar = "%"
    lineterminator = "$"
    quoting = _csv.QUOTE_MINIMAL
    doublequote = True
    skipinitialspace = False
    strict = False
    escapechar = None


_csv.register_dialect("mine", MyDialect)
_csv.register_dialect("semi", delimiter=";")
print(sorted(_csv.list_dialects()), _csv.get_dialect("semi").delimiter, _csv.get_dialect("mine").quotechar)
print(repr(write([["a|b", "c"]], dialect="mine")), read(["%a|b%|c"], dialect="mine"), read(["x;y"], dialect="semi"))
print(repr(write([["a|b"]], dialect="mine", delimiter=",")))
_csv.unregister_dialect("semi")
show("unregister again", lambda: _csv.unregister_dialect("semi"))
show("get unknown", lambda: _csv.get_dialect("nope"))
show("reader unknown", lambda: _csv.reader([], "nope"))
show("register int", lambda: _csv.register_dialect(1))
old = _csv.field_size_limit()
print(old, _csv.field_size_limit(10), _csv.field_size_limit())
show("too big", lambda: read(["x" * 11]))
print(read(["x" * 10]), _csv.field_size_limit(old))
show("limit str", lambda: _csv.field_size_limit("a"))
print(_csv.QUOTE_MINIMAL, _csv.QUOTE_ALL, _csv.QUOTE_NONNUMERIC, _csv.QUOTE_NONE, _csv.__version__)
print(issubclass(_csv.Error, Exception), _csv.Error.__module__, type(_csv.reader([])).__name__, repr(_csv.Dialect))
rows = [[str(i), "v%d" % i, "x,y" if i % 3 == 0 else "plain", 'q"' * (i % 2)] for i in range(200)]
text = write(rows)
back = read(text.splitlines(True))
print(back == rows, len(text))
