# re's module-level API over _sre: compile/match/search/fullmatch/findall/finditer/split/sub/subn
# with templates, flags, escape, purge, error positions, the Scanner class.
import re

print(re.match(r"(\d+)-(\d+)", "10-20 x").groups(), re.search(r"o+", "foo boo").span())
print(re.fullmatch(r"\w+", "abc"), re.fullmatch(r"\w+", "abc!"))
print(re.findall(r"\b\w", "the quick brown"), re.findall(r"(\w)(\d)", "a1 b2 c"))
print([m.span() for m in re.finditer(r"\d+", "1 22 333")])
print(re.split(r"\W+", "Words, words, words."), re.split(r"(\W+)", "Words, words."), re.split(r"x*", "abc"))
print(re.split(r"[,;]", "a,b;c", maxsplit=1), re.split(r"\b", "a b"))
print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world"), re.sub(r"a", r"\n", "bab") == "b\nb")
print(re.sub(r"(?P<x>\d)", r"<\g<x>\g<0>\g<1>>", "a1b2"), re.subn(r"\d", "#", "a1b22", count=2))
print(re.sub(r"\d", lambda m: str(int(m.group()) * 2), "1 2 3"), re.sub("", "-", "abc"))
print(re.sub(rb"\d", rb"[\g<0>]", b"a1b2"), re.sub(r"x*", "-", "abxd"))
print(re.match(r"(a)(b)?", "ac").expand(r"\1-\2-\g<1>"))
print(re.escape("a.b*c?d+(e)[f]{g}|h^$\\ i-j#k&l~"), re.escape(b"a.b"))
print(re.compile(r"(?i)abc").match("ABC").group(), re.I | re.M, repr(re.I | re.M))
print(re.compile("a", re.I | re.S), re.compile(b"a", re.L), re.compile("a").flags, re.compile(b"a").flags)
print(re.compile(r"(?x) a b # c").pattern, re.compile(r"(?P<n>a)(?P<m>b)").groupindex)
p = re.compile(r"(?P<word>\w+)")
print(p.sub(r"[\g<word>]", "ab cd"), p.match("xy")["word"], p.search("  zz").lastgroup)
print(re.compile("abc") is re.compile("abc"), re.compile("abc") == re.compile("abc"))
re.purge()
for bad in ["(", "a)", "[a", "a{2,1}", r"\1", "(?P<n>a)(?P<n>b)", "*a", "(?<=a+)b", r"\k", "(?P=x)"]:
    try:
        re.compile(bad)
    except re.error as e:
        print(repr(bad), e.msg, e.pos, str(e))
try:
    re.sub("a", r"\9", "a")
except re.error as e:
    print("template:", e)
try:
    re.compile("a", re.X).match("a", flags=1)
except TypeError as e:
    print("TypeError")
s = re.Scanner([(r"\d+", lambda sc, t: ("NUM", int(t))), (r"[a-z]+", lambda sc, t: ("ID", t)), (r"\s+", None)])
print(s.scan("abc 12 de 3 !"))
print(re.match(r"(?i)straße", "STRASSE"), re.match(r"(?i)ſ", "S").group(), re.match(r"(?i)[k]", "\u212a").group())
print(re.findall(r"\w+", "héllo wörld ünï"), re.findall(r"(?a)\w+", "héllo wörld"), re.findall(r"\d", "1٣"))
print(re.search(r"(?<!\S)x", "ax x").span(), re.search(r"(?>a+)b", "aaab").span(), re.search(r"a++b", "aab").span())
print(re.search(r"(a)?(?(1)b|c)", "c").group(), re.match(r"(?:(a)|b)+", "ab").groups(), re.match(r"(a*)+", "b").groups())
