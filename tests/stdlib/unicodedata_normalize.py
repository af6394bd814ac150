# unicodedata.normalize / is_normalized in the four forms, on text that exercises canonical
# ordering, composition exclusions, Hangul, compatibility mappings and blocked compositions.
import unicodedata as ud

texts = [
    'abc', 'caf\u00e9', 'cafe\u0301', 'A\u030a', '\u212b', '\u00c5', 'o\u0308\u0304', '\u022b',
    'a\u0328\u0301', 'a\u0301\u0328', 'e\u0302\u0323', 'e\u0323\u0302', '\u1e69', 's\u0323\u0307', 's\u0307\u0323',
    '\u0958', '\u0915\u093c', '\u2126', '\u1100\u1161\u11a8', '\uac01', '\uac00\u11a8', '\u1100\u1161',
    '\ufb01', '\u2460', '\u00bd', '\u1e9b\u0323', '\u00b5', 'x\u0305\u0323\u0307', '\u0041\u0300\u0316',
    '\u0344', '\u0f73', '\u3300', '\uff76\uff9e', '\u1d160', '\u01c4', '\u03d3', '\u00a8', '\u2002', '\u33a1',
    'a\u0300b\u0301c\u0302\u0303', '\u05d1\u05bc\u05bf', '\u0b47\u0b3e', '\u09c7\u09be', '\u0d46\u0d3e',
    'Ελληνικά \u1f00\u0345', '\U0001d15e', '\U0002f800', '\u00e9\u0300', 'e\u0300\u0301', '\u0627\u0653',
    '\ud800', 'x\udc80y',
]
forms = ['NFC', 'NFD', 'NFKC', 'NFKD']
for t in texts:
    row = [ascii(t)]
    for f in forms:
        n = ud.normalize(f, t)
        row.append(ascii(n))
        row.append(ud.is_normalized(f, t))
        assert ud.is_normalized(f, n), (t, f)
    print(*row)

# The normalization invariants of UAX #15 on blocks of the BMP with no Unicode 15.0 additions.
checked = 0
for cp in list(range(0xA0, 0xC80)) + list(range(0xF00, 0x2000)) + list(range(0x3000, 0x3400)) + list(range(0xF900, 0xFB50)) + list(range(0xFF00, 0xFFF0)):
    c = chr(cp)
    if ud.category(c) == 'Cn':
        continue
    nfd = ud.normalize('NFD', c)
    nfc = ud.normalize('NFC', c)
    nfkd = ud.normalize('NFKD', c)
    nfkc = ud.normalize('NFKC', c)
    assert nfc == ud.normalize('NFC', nfd) == ud.normalize('NFC', nfc), cp
    assert nfd == ud.normalize('NFD', nfc) == ud.normalize('NFD', nfd), cp
    assert nfkc == ud.normalize('NFC', nfkc) == ud.normalize('NFKC', nfkd), cp
    assert nfkd == ud.normalize('NFD', nfkc) == ud.normalize('NFKD', nfkd), cp
    checked += 1
print('invariants hold for', checked, 'characters')
print(ascii(ud.normalize('NFKC', 'ｈｅｌｌｏ　ｗｏｒｌｄ ①②③ ﬁ ㍻')))
