# str.encode / bytes.decode with the codecs chaipy implements natively (utf-8/16/32, ascii, latin-1)
# and every standard error handler, the Unicode*Error objects, and the _codecs functions the
# stdlib's encodings package calls (utf_7, escapes, charmap, stateful decoding with final=False).
import _codecs

text = 'h\xe9llo \u20ac \U0001f600 \u4e2d'
for enc in ['utf-8', 'UTF8', 'utf_16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'UTF-32BE', 'latin-1',
            'ascii', 'iso-8859-1', 'us-ascii']:
    for errors in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace', 'namereplace']:
        try:
            b = text.encode(enc, errors)
            print(enc, errors, b)
            print('  back:', ascii(b.decode(enc, 'replace')))
        except UnicodeEncodeError as e:
            print(enc, errors, 'UnicodeEncodeError:', e, e.encoding, e.start, e.end, e.reason, ascii(e.object))

bad = [b'abc\xff', b'\xe2\x82', b'\xe2\x28\xa1', b'\xf0\x9f\x98x', b'\xc0\xaf', b'\xed\xa0\x80', b'\xf4\x90\x80\x80',
       b'a\x80\x81b', b'\xfe']
for b in bad:
    for errors in ['strict', 'ignore', 'replace', 'backslashreplace', 'surrogateescape', 'surrogatepass']:
        try:
            s = b.decode('utf-8', errors)
            print(b, errors, ascii(s))
            if errors in ('surrogateescape', 'surrogatepass'):
                print('  round trip:', s.encode('utf-8', errors) == b)
        except UnicodeDecodeError as e:
            print(b, errors, 'UnicodeDecodeError:', e, e.start, e.end, e.reason)
for b, enc in [(b'a\xffb', 'ascii'), (b'\x00\xd8', 'utf-16-le'), (b'\x00\xd8\x00', 'utf-16'), (b'\x00', 'utf-16-be'),
               (b'\x00\xdc\x41\x00', 'utf-16-le'), (b'\x00\xd8\x41\x00', 'utf-16-le'), (b'\x00\xd8\x00\x00', 'utf-32'),
               (b'\x00\x00\x11\x00', 'utf-32-le'), (b'\xff\xfe\x41', 'utf-16'), (b'\xfe\xff\x00\x41', 'utf-16'),
               (b'\xff\xfe\x00\x00\x41\x00\x00\x00', 'utf-32')]:
    for errors in ['strict', 'replace', 'surrogatepass', 'backslashreplace']:
        try:
            print(b, enc, errors, ascii(b.decode(enc, errors)))
        except UnicodeDecodeError as e:
            print(b, enc, errors, 'UnicodeDecodeError:', e)

# Lone surrogates: strict encoders refuse them, surrogatepass/surrogateescape let them through.
for s in ['\ud800', 'a\udc80b', '\udfff\ud800x']:
    for enc in ['utf-8', 'utf-16-le', 'utf-32-be', 'latin-1']:
        for errors in ['strict', 'surrogatepass', 'surrogateescape', 'replace', 'backslashreplace']:
            try:
                print(ascii(s), enc, errors, s.encode(enc, errors))
            except UnicodeEncodeError as e:
                print(ascii(s), enc, errors, 'UnicodeEncodeError:', e)
print(len('\ud83d\ude00'), '\ud83d\ude00' == '\U0001f600', ascii('\ud83d' + '\ude00'))

# Custom error handlers.
def handler(e):
    if isinstance(e, UnicodeEncodeError):
        return ('<%s>' % ','.join('%x' % ord(c) for c in e.object[e.start:e.end]), e.end)
    return ('[%s]' % e.object[e.start:e.end].hex(), e.end)
_codecs.register_error('test.angle', handler)
print('a\u20acb\u20ac\u20acc'.encode('ascii', 'test.angle'))
print(b'a\xff\xfeb'.decode('utf-8', 'test.angle'))
_codecs.register_error('test.skip2', lambda e: ('', e.end + 1) if e.end < len(e.object) else ('', e.end))
print(b'a\xffxyz'.decode('ascii', 'test.skip2'), 'a\xffxyz'.encode('ascii', 'test.skip2'))
_codecs.register_error('test.bad', lambda e: 42)
for f in [lambda: 'a\xff'.encode('ascii', 'test.bad'), lambda: b'\xff'.decode('ascii', 'test.bad'),
          lambda: 'a\xff'.encode('ascii', 'no.such.handler'), lambda: _codecs.lookup_error('nope'),
          lambda: _codecs.register_error('x', 5), lambda: 'x'.encode('no-such-codec'),
          lambda: b'x'.decode('no-such-codec')]:
    try:
        print(f())
    except (TypeError, LookupError, UnicodeError) as e:
        print(type(e).__name__, e)
for name in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace', 'namereplace',
             'surrogateescape', 'surrogatepass']:
    h = _codecs.lookup_error(name)
    e = UnicodeEncodeError('ascii', 'a\udc80\xe9\u20acz', 1, 4, 'bad')
    try:
        print(name, h.__name__, h(e))
    except Exception as x:
        print(name, type(x).__name__, x)
    try:
        print(name, h(UnicodeDecodeError('utf-8', b'a\xed\xa0\x80z', 1, 4, 'bad')))
    except Exception as x:
        print(name, type(x).__name__, x)

# The exception objects.
e = UnicodeEncodeError('ascii', '\xe9t\xe9', 0, 1, 'ordinal not in range(128)')
print(e, e.args, e.encoding, ascii(e.object), e.start, e.end, e.reason)
print(UnicodeEncodeError('x', 'abc', 0, 2, 'why'), UnicodeEncodeError('x', '\U0001f600', 0, 1, 'why'))
print(UnicodeDecodeError('utf-8', b'\xff\xfe', 0, 1, 'r'), UnicodeDecodeError('utf-8', b'\xff\xfe', 0, 2, 'r'))
print(UnicodeTranslateError('\u1234x', 0, 1, 'r'), UnicodeTranslateError('abc', 0, 2, 'r').encoding)
for args in [(), ('a',), ('a', 'b', 1, 2), ('a', 1, 2, 3, 'x')]:
    try:
        UnicodeEncodeError(*args)
    except TypeError as x:
        print('TypeError', x)
print(issubclass(UnicodeTranslateError, UnicodeError), UnicodeError.__mro__[1].__name__)

# _codecs functions.
print(_codecs.utf_8_encode('h\xe9'), _codecs.utf_8_decode(b'h\xc3\xa9\xe2\x82'), _codecs.utf_8_decode(b'h\xc3\xa9\xe2\x82', 'strict', True) if False else '')
print(_codecs.utf_8_decode(b'\xe2\x82\xac\xe2', None, False), _codecs.utf_16_decode(b'\xff\xfea\x00b'),
      _codecs.utf_16_ex_decode(b'\xfe\xff\x00a'), _codecs.utf_32_ex_decode(b'\xff\xfe\x00\x00a\x00\x00\x00b\x00'))
print(_codecs.utf_16_encode('ab'), _codecs.utf_16_encode('ab', None, 1), _codecs.utf_16_le_encode('\U0001f600'),
      _codecs.utf_32_encode('a'), _codecs.utf_32_be_encode('a'))
for s in ['Hi Mom -\u263a-!', 'A\u2262\u0391.', '\u65e5\u672c\u8a9e', 'Item 3 is \xa31.', '+', '1+1=2', '\U0001f600~\\',
          'a-b', '\u20ac-', '\u20aca']:
    b = _codecs.utf_7_encode(s)[0]
    print(ascii(s), b, _codecs.utf_7_decode(b)[0] == s)
for b in [b'+AGE', b'+AGEA', b'+AGE-x', b'+2D3eAA-', b'+!', b'a\xffb', b'+AGEAYQ', b'+2D0-']:
    for final in [False, True]:
        try:
            print(b, final, _codecs.utf_7_decode(b, 'strict', final))
        except UnicodeDecodeError as x:
            print(b, final, 'UnicodeDecodeError:', x)
print(_codecs.unicode_escape_encode('a\\b\t\n\x00\xe9\u20ac\U0001f600"\''))
print(_codecs.raw_unicode_escape_encode('a\\b\t\xe9\u20ac\U0001f600'))
for b in [b'a\\tb\\x41\\u20ac\\U0001f600\\N{EM DASH}\\101\\\n', b'\\x4', b'\\', b'\\N{nope}', b'\\U00110000',
          b'\\u12', b'\xe9\\x41\xe9']:
    for final in [True, False]:
        try:
            print(b, ascii(_codecs.unicode_escape_decode(b, 'strict', final)))
        except UnicodeDecodeError as x:
            print(b, 'UnicodeDecodeError:', x)
for b in [b'a\\u20ac\\U0001f600\\t\\\\u0041', b'\\u12', b'\\U00110000', b'\\']:
    try:
        print(b, ascii(_codecs.raw_unicode_escape_decode(b)))
    except UnicodeDecodeError as x:
        print(b, 'UnicodeDecodeError:', x)
print(_codecs.escape_encode(b"a'b\\\t\x00\xff"), _codecs.escape_decode(b'a\\x41\\n\\101'), _codecs.escape_decode('\\x41'))
try:
    _codecs.escape_decode(b'ab\\x4')
except ValueError as x:
    print('ValueError', x)
print(_codecs.escape_decode(b'ab\\x4z', 'replace'), _codecs.escape_decode(b'ab\\x4z', 'ignore'))
print(_codecs.latin_1_decode(b'\xe9\xff'), _codecs.ascii_decode(b'abc'), _codecs.readbuffer_encode('h\xe9'),
      _codecs.readbuffer_encode(b'xy'))
table = ''.join(chr(i) for i in range(128)) + '\u20ac\ufffe\u201a' + ''.join(chr(i) for i in range(0x83, 0x100))
m = _codecs.charmap_build(table)
print(_codecs.charmap_encode('a\u20ac\u201a\xff', 'strict', m), _codecs.charmap_decode(b'a\x80\x82\xff', 'strict', table))
for errors in ['strict', 'replace', 'ignore', 'backslashreplace', 'xmlcharrefreplace']:
    try:
        print(errors, _codecs.charmap_encode('a\u0100b', errors, m), _codecs.charmap_decode(b'a\x81b', errors, table))
    except UnicodeError as x:
        print(errors, type(x).__name__, x)
print(_codecs.charmap_decode(b'abc', 'strict', {97: 'x', 98: 0x263a, 99: 'yz'}))
print(_codecs.charmap_encode('abc', 'strict', {97: 65, 98: b'BB', 99: None} if False else {97: 65, 98: b'BB', 99: 67}))
print(_codecs.charmap_decode(b'\xe9'), _codecs.charmap_encode('\xe9'))
for f in [lambda: _codecs.charmap_decode(b'a', 'strict', {97: 'x', 98: None}) and _codecs.charmap_decode(b'b', 'strict', {98: None}),
          lambda: _codecs.charmap_encode('a', 'strict', {97: 300}), lambda: _codecs.charmap_decode(b'a', 'strict', {97: 1.5}),
          lambda: _codecs.utf_8_decode('abc'), lambda: _codecs.utf_8_encode(b'abc'), lambda: _codecs.utf_8_encode('a', 5)]:
    try:
        print(f())
    except (TypeError, UnicodeError) as x:
        print(type(x).__name__, x)
