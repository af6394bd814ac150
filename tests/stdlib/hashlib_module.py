# hashlib and hmac: the constructors hashlib.py builds from _hashlib / _blake2, new(), file_digest,
# pbkdf2_hmac, and the hmac module.
import hashlib, hmac, io

for name in sorted(hashlib.algorithms_guaranteed):
    h = hashlib.new(name, b"The quick brown fox jumps over the lazy dog")
    f = getattr(hashlib, name)(b"The quick brown fox jumps over the lazy dog")
    if name.startswith("shake"):
        print(name, h.hexdigest(16), f.hexdigest(16) == h.hexdigest(16))
    else:
        print(name, h.name, h.digest_size, h.block_size, h.hexdigest(), f.hexdigest() == h.hexdigest())
m = hashlib.sha256()
m.update(b"Nobody inspects")
m.update(b" the spammish repetition")
print(m.hexdigest(), m.copy().digest().hex() == m.hexdigest())
print(hashlib.md5(b"abc", usedforsecurity=False).hexdigest(), hashlib.sha1(string=b"abc").hexdigest())
print(hashlib.blake2b(b"data", digest_size=16, key=b"secret", salt=b"salt", person=b"app").hexdigest())
print(hashlib.blake2s(b"data", digest_size=8).hexdigest())
print(hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 500, dklen=24).hex())
print(hashlib.file_digest(io.BytesIO(b"x" * 100000), "sha256").hexdigest())
print(hashlib.file_digest(io.BytesIO(b"abc"), hashlib.md5).hexdigest())
try:
    hashlib.new("nonexistent")
except ValueError as e:
    print("ValueError:", e)
for dm in ["sha256", hashlib.sha1, hashlib.blake2b, "md5"]:
    h = hmac.new(b"key", b"message", dm)
    h.update(b"more")
    print(h.name, h.digest_size, h.block_size, h.hexdigest(), h.copy().hexdigest() == h.hexdigest())
print(hmac.digest(b"key", b"msg", "sha512").hex())
print(hmac.compare_digest(b"abc", b"abc"), hmac.compare_digest("abc", "abd"))
try:
    hmac.new(b"key", b"msg")
except TypeError as e:
    print("TypeError:", e)
