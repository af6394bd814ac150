# str case mappings (special casing, final sigma, titlecase digraphs), predicates, splitlines/split
# boundaries, int()/float() of Unicode digits and spaces, and repr on non-ASCII text.
samples = ['ß', 'Straße', 'ΣΑΣ', 'ΌΣΟΣ ΣΑΣ.', 'σς', 'İstanbul', 'ǅungla', 'ﬁne', 'ŉ', 'Ǆ', 'ǆ', 'ǈ', 'ᾳ', 'ᾼ', 'ΐ',
           'hello wörld', 'ÉCOLE', 'ǰ', 'Ⅻ', 'ⓐⓑ', 'ꭰ', 'Ꭰ', 'ﬀ', 'Σ', 'aΣ', 'aΣb', 'a.Σ', "a'Σ", 'ΑΣ̈', 'ΑΣ̈ ']
for s in samples:
    print(repr(s), repr(s.lower()), repr(s.upper()), repr(s.casefold()), repr(s.title()), repr(s.capitalize()), repr(s.swapcase()))
    print(s.islower(), s.isupper(), s.istitle())
chars = ['٣', '²', '½', '一', '萬', 'Ⅷ', '𝟘', '\u00a0', '\u2028', '\x1c', '\x85', 'ǅ', 'ª', '_', 'a1', '١٢٣', 'x\u0300', '\u0300',
         'ℕ', '℘', '゛', '\u200b', '\u3000', '\ufeff', '\ud800', '\U0001f600', '日本語', 'ﾟ', '𝔘𝔫𝔦']
for c in chars:
    print(repr(c), c.isalpha(), c.isalnum(), c.isdecimal(), c.isdigit(), c.isnumeric(), c.isspace(), c.isprintable(), c.isidentifier(), c.isupper(), c.islower())
print('a\u2028b\x85c\x1cd\x1de\x1ef\r\ng\x0bh\x0ci\u2029j'.splitlines())
print('a\u2028b\x85c'.splitlines(True))
print('a\u3000b\u2003c\x85d\xa0e'.split())
print(' \u3000 x \u2000'.strip(), len(' \u3000 x \u2000'.strip()))
print(int('١٢٣'), int('\u3000 ４２ '), float('١.٥'), float('\u2003३.१४'), int('𝟗𝟗'))
try:
    int('١٢٣x')
except ValueError as e:
    print(e)
try:
    float('½')
except ValueError as e:
    print(e)
print(repr('\u0378\u00ad\u2060\U000e0001'), ascii('é'), repr('\ud800\udfff'))
