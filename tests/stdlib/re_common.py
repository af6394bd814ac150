# re: match / search / findall / sub with groups, named groups, flags, split, compile.
import re

m = re.match(r"(\w+)@(\w+)\.com", "alice@example.com")
print(m.group(0), m.group(1), m.groups(), m.span(2), m.start(1), m.end())
print(re.findall(r"\d+", "a1b22c333"), re.findall(r"(\w)(\d)", "a1 b2 c3"))
print(re.sub(r"(\d+)", r"<\1>", "x12y345"), re.sub(r"\s+", " ", "a   b \t c"))
print(re.sub(r"[aeiou]", lambda m: m.group().upper(), "programming"), re.subn("a", "b", "banana"))
print(re.split(r"[,;]\s*", "a, b;c,  d"), re.split(r"(\d)", "a1b2c"))
m = re.search(r"(?P<year>\d{4})-(?P<month>\d\d)", "date: 2024-05-17")
print(m.group("year"), m.groupdict(), m["month"])
p = re.compile(r"^hello", re.I | re.M)
print(bool(p.search("x\nHELLO")), p.pattern, p.flags & re.I != 0)
print([m.span() for m in re.finditer(r"ab", "abcabab")], re.fullmatch(r"\d+", "123") is not None)
print(re.escape("a.b*c"), re.match(r"x", "y"))
