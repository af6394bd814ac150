# _hashlib (OpenSSL) and _blake2 (libb2): known digests of several inputs for every algorithm,
# HMAC, PBKDF2, scrypt, compare_digest, and CPython's errors.
import _hashlib, _blake2

inputs = [b"", b"abc", b"a" * 1000, bytes(range(256)) * 3]
for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256", "sha3_384", "sha3_512"]:
    ctor = getattr(_hashlib, "openssl_" + name)
    for data in inputs:
        h = ctor(data)
        print(name, h.name, h.digest_size, h.block_size, h.hexdigest())
        print(_hashlib.new(name, data).digest() == h.digest(), ctor(string=data).hexdigest() == h.hexdigest())
for name in ["shake_128", "shake_256"]:
    h = getattr(_hashlib, "openssl_" + name)(b"abc")
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest(10), h.digest(5), h.hexdigest(0), type(h).__name__)
for name in ["sha512_224", "sha512_256", "SHA256", "blake2b512", "blake2s256", "md5-sha1"]:
    h = _hashlib.new(name, b"data")
    print(name, h.name, h.digest_size, h.hexdigest())
h = _hashlib.openssl_sha256()
h.update(b"ab")
c = h.copy()
h.update(bytearray(b"c"))
h.update(memoryview(b""))
print(h.hexdigest(), c.hexdigest(), h.hexdigest())
print(sorted(_hashlib.openssl_md_meth_names) == sorted(set(_hashlib.openssl_md_meth_names)), "sha256" in _hashlib.openssl_md_meth_names)
print(sorted(_hashlib._constructors.values()))
# blake2 with every parameter
for cls in (_blake2.blake2b, _blake2.blake2s):
    print(cls.__name__, cls.SALT_SIZE, cls.PERSON_SIZE, cls.MAX_KEY_SIZE, cls.MAX_DIGEST_SIZE)
    for data in inputs:
        print(cls(data).hexdigest())
    print(cls(b"a", digest_size=20, key=b"k", salt=b"s", person=b"p").hexdigest())
    print(cls(b"a", digest_size=10, key=b"key" * 5, salt=b"salt", person=b"me").hexdigest())
    print(cls(b"x", fanout=2, depth=3, leaf_size=4, node_offset=5, node_depth=6, inner_size=7, last_node=True).hexdigest())
    b = cls()
    b.update(b"x")
    d = b.copy()
    b.update(b"y")
    print(b.name, b.digest_size, b.block_size, b.hexdigest(), d.hexdigest(), b.digest() == bytes.fromhex(b.hexdigest()))
# HMAC
for dm in ["md5", "sha1", "sha256", "sha512", "sha3_256", _hashlib.openssl_sha256]:
    m = _hashlib.hmac_new(b"key", b"The quick brown fox", digestmod=dm)
    print(m.name, m.digest_size, m.block_size, m.hexdigest(), _hashlib.hmac_digest(b"key", b"The quick brown fox", dm) == m.digest())
m = _hashlib.hmac_new(b"k" * 200, digestmod="sha256")
m.update(b"a")
c = m.copy()
m.update(b"b")
print(m.hexdigest(), c.hexdigest())
# KDFs
print(_hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 1000).hex())
print(_hashlib.pbkdf2_hmac("sha1", b"p", b"s", 2, 10).hex(), _hashlib.pbkdf2_hmac("sha512", b"pw", b"NaCl", 3, 100).hex())
print(_hashlib.scrypt(b"password", salt=b"salt", n=16, r=8, p=1, dklen=16).hex())
print(_hashlib.compare_digest(b"a", b"a"), _hashlib.compare_digest("ab", "ac"), _hashlib.compare_digest(bytearray(b"x"), memoryview(b"x")))
for f in [lambda: _hashlib.new("foo"), lambda: _hashlib.openssl_md5("x"), lambda: _hashlib.openssl_md5(1),
          lambda: _hashlib.openssl_md5().update("s"), lambda: _hashlib.pbkdf2_hmac("sha1", b"p", b"s", 0),
          lambda: _hashlib.pbkdf2_hmac("sha1", b"p", b"s", 1, 0), lambda: _hashlib.compare_digest(1, 1),
          lambda: _hashlib.compare_digest("é", "é"), lambda: _hashlib.compare_digest("a", b"a"),
          lambda: _hashlib.openssl_shake_128(b"x").digest(), lambda: _hashlib.hmac_new(b"k", b"m"),
          lambda: _blake2.blake2b(digest_size=65), lambda: _blake2.blake2b(key=b"x" * 65),
          lambda: _blake2.blake2b(salt=b"x" * 17), lambda: _blake2.blake2b(person=b"x" * 17),
          lambda: _blake2.blake2s(digest_size=0), lambda: _blake2.blake2s(salt=b"x" * 9),
          lambda: _blake2.blake2b(fanout=256), lambda: _blake2.blake2b(depth=0), lambda: _blake2.blake2b(node_depth=256),
          lambda: _blake2.blake2b(inner_size=65), lambda: _blake2.blake2s(node_offset=2**48),
          lambda: _blake2.blake2b(leaf_size=2**32), lambda: _blake2.blake2b("x")]:
    try:
        print(f())
    except Exception as e:
        # CPython 3.11.2 raises ValueError for an unsupported digest, 3.11.7 its subclass
        # UnsupportedDigestmodError (checked below): the oracle may be either.
        print("ValueError" if type(e) is _hashlib.UnsupportedDigestmodError else type(e).__name__, e)
print(issubclass(_hashlib.UnsupportedDigestmodError, ValueError))
