# base64 over binascii: every encoding the module offers, round trips and errors.
import base64, binascii

data = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", bytes(range(256))]
for d in data:
    e64 = base64.b64encode(d)
    print(e64[:40], base64.b64decode(e64) == d, base64.urlsafe_b64encode(d)[:20], base64.standard_b64encode(d) == e64)
    print(base64.b32encode(d)[:40], base64.b32decode(base64.b32encode(d)) == d, base64.b32hexencode(d)[:20])
    print(base64.b16encode(d)[:40], base64.b16decode(base64.b16encode(d)) == d)
    print(base64.a85encode(d)[:40], base64.a85decode(base64.a85encode(d)) == d, base64.b85encode(d)[:40], base64.b85decode(base64.b85encode(d)) == d)
print(base64.encodebytes(bytes(range(100))))
print(base64.decodebytes(base64.encodebytes(b"hello" * 30)) == b"hello" * 30)
print(base64.b64encode(b"\xfb\xff", altchars=b"-_"), base64.b64decode("+/+/"), base64.urlsafe_b64decode("-_-_"))
print(base64.b64decode(b"YW Jj\n", validate=False), base64.a85encode(b"hello world", wrapcol=8, adobe=True))
for bad in [lambda: base64.b64decode(b"YWJ", validate=True), lambda: base64.b64decode(b"Y!WJj", validate=True), lambda: base64.b64decode("YQ"), lambda: base64.b32decode(b"MZXW6==="), lambda: base64.b16decode(b"0g"), lambda: base64.b64encode("text")]:
    try:
        print(bad())
    except (binascii.Error, ValueError, TypeError) as e:
        print(type(e).__name__, e)
