# unicodedata: properties, names, aliases, named sequences, decompositions and errors on
# characters assigned by Unicode 14.0 (python3 3.11 ships UCD 14.0; chaipy's tables may be newer).
import unicodedata as ud

samples = 'aZ5_ \t\n\x00\x7f\xa0\xad\xb2\xbd\xc5\xdf\u0130\u01c5\u0300\u0345\u0375\u03a3\u0410\u05d0\u0627\u0660' \
          '\u06f5\u0903\u0958\u0e3f\u1100\u1e9e\u2028\u2029\u2066\u20ac\u2126\u2160\u2163\u2181\u2460\u24b6' \
          '\u3000\u3007\u30a2\u4e00\u4e94\u5146\u9fa5\uac00\ud55c\ud7a3\ud800\ue000\ufb01\ufeff\uff21\uffe0' \
          '\U00010140\U0001d7d8\U0001f600\U0001f1e6\U00020000\U0002a6d6\U000e0041\U000f0000\U0010fffd\u0378'
for c in samples:
    print('%06X' % ord(c), ud.category(c), repr(ud.bidirectional(c)), ud.combining(c), ud.mirrored(c),
          ud.east_asian_width(c), repr(ud.decomposition(c)), ud.decimal(c, None), ud.digit(c, None),
          ud.numeric(c, None), ud.name(c, None))

for name in ['LATIN SMALL LETTER A', 'latin capital letter sharp s', 'EURO SIGN', 'SNOWMAN', 'GRINNING FACE',
             'HANGUL SYLLABLE GAG', 'HANGUL SYLLABLE PWILH', 'CJK UNIFIED IDEOGRAPH-4E00', 'CJK UNIFIED IDEOGRAPH-2A6D6',
             'NUL', 'NULL', 'LINE FEED', 'BYTE ORDER MARK', 'ZWNBSP', 'LATIN CAPITAL LETTER GHA',
             'LATIN SMALL LETTER A WITH MACRON AND GRAVE', 'KEYCAP DIGIT ZERO', 'TAMIL SYLLABLE KSSA',
             'NO SUCH THING', 'HANGUL SYLLABLE gag', 'CJK UNIFIED IDEOGRAPH-4e00', 'CJK UNIFIED IDEOGRAPH-FFFF',
             'CJK UNIFIED IDEOGRAPH-123', 'HANGUL SYLLABLE GAGX', 'x' * 300]:
    try:
        r = ud.lookup(name)
        print(name[:40], ascii(r), len(r))
    except KeyError as e:
        print(name[:40], 'KeyError', e)
print(ascii(ud.lookup(b'DIGIT ONE')))
print(ascii('\N{LATIN SMALL LETTER E WITH ACUTE}\N{em dash}\N{ZWSP}\N{HANGUL SYLLABLE HIH}'))

# Names round-trip through lookup for a range of code points.
count = 0
for cp in list(range(0x20, 0x3000)) + list(range(0xAC00, 0xAD00)) + list(range(0x1F300, 0x1F400)):
    n = ud.name(chr(cp), None)
    if n is not None:
        assert ud.lookup(n) == chr(cp), (cp, n)
        assert ud.lookup(n.lower()) == chr(cp), (cp, n)
        count += 1
print('names round-trip:', count)

for bad in [lambda: ud.category(1), lambda: ud.category('ab'), lambda: ud.category(''), lambda: ud.name('a', 'b', 'c'),
            lambda: ud.name(), lambda: ud.decimal('a'), lambda: ud.digit('a'), lambda: ud.numeric('a'),
            lambda: ud.name('\x00'), lambda: ud.normalize('NFX', 'a'), lambda: ud.normalize('NFC', 1),
            lambda: ud.normalize(1, 'a'), lambda: ud.is_normalized('NFC', b'x'), lambda: ud.combining(5),
            lambda: ud.decimal(1), lambda: ud.lookup(1), lambda: ud.category(chr=1), lambda: ud.mirrored('xy')]:
    try:
        print(repr(bad()))
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)

print(type(ud.ucd_3_2_0).__name__, ud.ucd_3_2_0.unidata_version, isinstance(ud.ucd_3_2_0, ud.UCD))
for c in 'a\u00e9\u0958\u20ac\uac00':
    print(ud.ucd_3_2_0.category(c), ud.ucd_3_2_0.bidirectional(c), ud.ucd_3_2_0.name(c),
          ascii(ud.ucd_3_2_0.normalize('NFC', c)), ascii(ud.ucd_3_2_0.normalize('NFKD', c)))
for c in '\U0001f600\u20b9\u0221':  # assigned after Unicode 3.2
    print(ud.ucd_3_2_0.category(c), repr(ud.ucd_3_2_0.bidirectional(c)), ud.ucd_3_2_0.name(c, 'none'),
          ud.ucd_3_2_0.east_asian_width(c), ud.ucd_3_2_0.numeric(c, 'none'))
