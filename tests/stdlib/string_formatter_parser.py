# _string: the str.format parser string.Formatter is built on.
import _string

for s in ["a{0}b", "{{x}}", "x{a.b[0]!r:>{w}}y", "", "}}", "{:d}", "{!s}", "{0!r}", "a{{", "{x:{{}}}",
          "{[}]}", "{a[1][x].y}", "trailing {} text"]:
    print(repr(s), list(_string.formatter_parser(s)))
for s in ["a.b[0]", "0", "x[k].y", "", "12[3]", "a[b.c]"]:
    first, rest = _string.formatter_field_name_split(s)
    print(repr(first), list(rest))
for bad in ["{", "}", "{0", "{!}", "{0!rx}", "{0!", "{a{b}", "x}y", "{0:{}"]:
    try:
        list(_string.formatter_parser(bad))
        print(bad, "no error")
    except ValueError as e:
        print(repr(bad), e)
for bad in ["a.", "a[", "a[]", "a[0]x", "a..b"]:
    try:
        first, rest = _string.formatter_field_name_split(bad)
        print(repr(bad), first, list(rest))
    except ValueError as e:
        print(repr(bad), e)
