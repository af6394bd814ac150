# chaipy bug found by gen_programs.py (seed 32; minimised by hand).
# repr() of a str must escape characters that are not printable (str.isprintable: unassigned,
# control, format, separator, surrogate, private-use code points) as \xNN / \uNNNN / \UNNNNNNNN.
# chaipy gets the BMP cases right but treats some unassigned supplementary-plane code points as
# printable: U+14C4B and U+1643F (str.isprintable() True, repr() shows them raw).
# python3: "'\U00014c4b' False '\U00014c4b'"   chaipy: "'<raw char>' True '\U00014c4b'" (same for U+1643F)
for c in (0x14c4b, 0x200b, 0x85, 0x1643f, 0xe000, 0x2028, 0x1F600):
    s = chr(c)
    print(repr(s), s.isprintable(), ascii(s))
print(repr('a\u200bb'))
