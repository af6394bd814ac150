# Non-ASCII identifiers (XID_Start/XID_Continue, NFKC-normalised as PEP 3131 says) and \N{...}
# escapes (names, aliases, lower case, Hangul, CJK) in str and f-string literals.
ℕ = 5
print(N)
ﬁle = 3
print(file)
café = 1
print(café, 'cafe\u0301' == 'café')
Ω = 2   # OHM SIGN normalises to GREEK CAPITAL OMEGA
print(Ω)
x = 'é\N{EM DASH}\N{latin small letter a}\N{NUL}\N{HANGUL SYLLABLE GAG}\N{CJK UNIFIED IDEOGRAPH-4E00}'
print(ascii(x))
print(ascii(f"\N{BULLET} {x[0]}"))
print(ascii(rb'\N{x}'), ascii(b'\N{DASH}'), ascii(r'\N{DASH}'))
def größe(ä=1):
    return ä
print(größe(ä=5), größe.__name__)
class Ünïcode:
    ñ = 1
print(Ünïcode.ñ, Ünïcode.__name__)
print('ℕ'.isidentifier(), 'a\u0300'.isidentifier(), '\u0300a'.isidentifier())
