# Every text codec of the stdlib's encodings package through str.encode / bytes.decode and the
# codecs API: round trips of sample text, errors, incremental codecs, BOMs, and codecs.open-free
# helpers (iterencode/iterdecode, getincrementalencoder, lookup, aliases).
import codecs
import encodings
import encodings.aliases

samples = ['Hello, world!', 'caf\xe9 na\xefve \xc5ngstr\xf6m', '\u0414\u043e\u0431\u0440\u044b\u0439 \u0434\u0435\u043d\u044c',
           '\u0393\u03b5\u03b9\u03ac', '\u05e9\u05dc\u05d5\u05dd', '\u0645\u0631\u062d\u0628\u0627', '\u20ac10 \u2014 \u201cquoted\u201d',
           '\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8', '\ud55c\uad6d\uc5b4', '\u4e2d\u6587\u6587\u672c', 'emoji \U0001f600']
names = sorted(set(encodings.aliases.aliases.values()))
# Not text codecs, Windows-only, or (the CJK multibyte codecs) C extension modules chaipy does not
# have; idna needs stringprep, which asserts unicodedata.unidata_version == '14.0.0' (chaipy: 15.0.0).
cjk = {'big5', 'big5hkscs', 'cp932', 'cp949', 'cp950', 'euc_jis_2004', 'euc_jisx0213', 'euc_jp', 'euc_kr', 'gb18030',
       'gb2312', 'gbk', 'hz', 'iso2022_jp', 'iso2022_jp_1', 'iso2022_jp_2', 'iso2022_jp_2004', 'iso2022_jp_3',
       'iso2022_jp_ext', 'iso2022_kr', 'johab', 'shift_jis', 'shift_jis_2004', 'shift_jisx0213'}
skip = {'mbcs', 'oem', 'tactis', 'rot_13', 'base64_codec', 'bz2_codec', 'hex_codec', 'quopri_codec', 'uu_codec',
        'zlib_codec', 'palmos', 'idna'} | cjk
ok = {}
for name in names:
    if name in skip:
        continue
    try:
        info = codecs.lookup(name)
    except LookupError as e:
        print(name, 'LookupError', e)
        continue
    row = []
    for s in samples:
        try:
            b = s.encode(name)
        except UnicodeEncodeError as e:
            row.append('E%d' % e.start)
            continue
        except LookupError as e:
            row.append('L')
            continue
        back = b.decode(name)
        row.append('ok' if back == s else 'MISMATCH')
        assert s.encode(name, 'strict') == codecs.encode(s, name), name
    print(info.name, ' '.join(row))

# Error handlers through charmap codecs.
for name in ['cp1252', 'koi8_r', 'iso8859_15', 'mac_roman', 'cp437', 'cp1251']:
    s = 'A\u20ac\u0416\xe9\u4e2d'
    for errors in ['replace', 'ignore', 'backslashreplace', 'xmlcharrefreplace', 'namereplace']:
        print(name, errors, s.encode(name, errors))
    print(name, bytes(range(0x80, 0xA0)).decode(name, 'replace'))
    try:
        s.encode(name)
    except UnicodeEncodeError as e:
        print(name, e)

for name in ['utf-8-sig', 'utf_16', 'utf-32', 'punycode', 'unicode_escape', 'raw_unicode_escape', 'utf-7',
             'latin-1', 'ascii', 'charmap']:
    info = codecs.lookup(name)
    for s in ['b\xfccher.example', 'm\xfcnchen', 'Ba\u0308cher', 'abc']:
        try:
            b = s.encode(name)
            print(info.name, b, ascii(b.decode(name)))
        except UnicodeError as e:
            print(info.name, type(e).__name__, e)
print(codecs.encode('abc', 'rot13'), codecs.decode(b'616263', 'hex'), codecs.encode(b'abc', 'hex_codec'))
try:
    'abc'.encode('rot13')
except LookupError as e:
    print('LookupError', e)
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, 'x'.encode('utf-8-sig'), b'\xef\xbb\xbfx'.decode('utf-8-sig'))
dec = codecs.getincrementaldecoder('utf-8')()
print([dec.decode(bytes([b])) for b in '\u20ac\U0001f600x'.encode()], dec.decode(b'', final=True))
dec16 = codecs.getincrementaldecoder('utf-16')()
print([dec16.decode(bytes([b])) for b in 'h\xe9\U0001f600'.encode('utf-16')])
enc = codecs.getincrementalencoder('utf-16')()
print(enc.encode('a'), enc.encode('b'), enc.encode('', final=True))
print(list(codecs.iterdecode([b'\xe2\x82', b'\xac!'], 'utf-8')), b''.join(codecs.iterencode(['a', '\xe9'], 'latin-1')))
print(codecs.lookup('UTF8').name, codecs.lookup('latin_1').name, codecs.lookup('L1').name, codecs.lookup('u16').name)
for bad in ['no-such-encoding', 'utf-9']:
    try:
        codecs.lookup(bad)
    except LookupError as e:
        print('LookupError', e)
print(b'\xd7\xa9\xd7\x9c'.decode('utf-8'), '\u05e9'.encode('iso8859_8'), b'\xe4'.decode('cp1252'))
