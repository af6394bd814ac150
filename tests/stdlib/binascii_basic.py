# binascii: hex, base64 (strict mode too), uu, quoted-printable, crc32/crc_hqx, errors.
import binascii
print(binascii.hexlify(b"\x00\xffab"), binascii.hexlify(b"abcdef", ":", 2), binascii.b2a_hex(b"xy", b"-"), binascii.unhexlify("616263"), binascii.a2b_hex(b"4142"))
for s in [b"", b"a", b"ab", b"abc", b"abcd", bytes(range(200))]:
    e = binascii.b2a_base64(s)
    print(e, binascii.b2a_base64(s, newline=False) == e[:-1], binascii.a2b_base64(e) == s)
for s in [b"YWJj", b"YW Jj\n", b"YQ==", b"YQ=", b"YQ", b"Y", b"YWJjZA==extra", b"YQ==YQ==", b"=YQ==", b"Y!Q==", "YWJj"]:
    try: print(s, binascii.a2b_base64(s))
    except Exception as e: print(s, type(e).__name__, e)
    try: print(s, binascii.a2b_base64(s, strict_mode=True))
    except Exception as e: print(s, type(e).__name__, e)
for s in [b"", b"a", b"abc", b"hello world, this is uu", bytes(range(45))]:
    e = binascii.b2a_uu(s); print(e, binascii.a2b_uu(e) == s, binascii.b2a_uu(s, backtick=True))
print(binascii.a2b_uu(b""), binascii.a2b_uu(b"#86)C\n"))
for s in [b"!!!", b"#86)C  xx"]:
    try: print(binascii.a2b_uu(s))
    except Exception as e: print(type(e).__name__, e)
qp_in = b"h\xe9llo = world\t\nline two \r\n" + b"x" * 100 + b"\n. \n_under_ score"
for kw in [{}, {"quotetabs": True}, {"istext": False}, {"header": True}]:
    e = binascii.b2a_qp(qp_in, **kw); print(kw, e, binascii.a2b_qp(e, header=kw.get("header", False)) == qp_in)
print(binascii.a2b_qp(b"a=3Db=\nc==d=zz_e", header=True), binascii.a2b_qp("=41=4"))
print(binascii.crc32(b"abc"), binascii.crc32(b"abc", 1), binascii.crc_hqx(b"abc", 0), binascii.crc_hqx(b"123456789", 0xffff))
for f in [lambda: binascii.unhexlify(b"abc"), lambda: binascii.unhexlify(b"zz"), lambda: binascii.a2b_base64("é"), lambda: binascii.a2b_base64(5), lambda: binascii.b2a_uu(b"x" * 46), lambda: binascii.hexlify("ab")]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
print(issubclass(binascii.Error, ValueError), binascii.Error.__module__, binascii.Incomplete.__name__)
