# Match objects through re: groups, names, defaults, spans, lastindex/lastgroup, regs, repr.
import re

m = re.match(r"(?P<first>\w+) (?P<last>\w+)(?: (?P<extra>\w+))?", "Jane Doe")
print(m.group(0), m.group(1, 2), m.group("first"), m["last"], m.groups(), m.groups("-"))
print(m.groupdict(), m.groupdict(default="?"), m.span("last"), m.start(3), m.end("extra"))
print(m.lastindex, m.lastgroup, m.regs, m.pos, m.endpos, m.re.pattern, m.string)
print(repr(m), repr(re.match("x" * 80, "x" * 80)), repr(re.search(b"b+", b"abbbc")))
for bad in (4, -1, "nope"):
    try:
        m.group(bad)
    except IndexError as e:
        print(bad, e)
print([(mm.lastindex, mm.lastgroup) for mm in re.finditer(r"(?P<a>a)|(?P<b>b)|c", "abc")])
print(re.match(r"((a)(b))", "ab").lastindex, re.match(r"(a)(b)", "ab").lastindex, re.match(r"(a(b))", "ab").lastindex)
print(re.match(r"(a)|(b)", "b").span(1), re.match(r"(a)|(b)", "b").groups(0))
import copy
print(copy.copy(m) is m, copy.deepcopy(m) is m, copy.copy(m.re) is m.re)
print(re.Pattern, re.Match, type(m).__name__, isinstance(m, re.Match))
