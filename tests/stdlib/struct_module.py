# struct (Lib/struct.py over _struct): the common API with a realistic record layout.
import struct

rec = struct.Struct("<I2sHd?")
packed = rec.pack(0xDEADBEEF, b"ok", 513, 2.5, True)
print(rec.format, rec.size, packed, rec.unpack(packed))
buf = bytearray(4 + rec.size * 2)
struct.pack_into("<I", buf, 0, 2)
for i, vals in enumerate([(1, b"ab", 2, -1.0, False), (3, b"cd", 4, 1e10, True)]):
    rec.pack_into(buf, 4 + i * rec.size, *vals)
(n,) = struct.unpack_from("<I", buf)
print(n, [rec.unpack_from(buf, 4 + i * rec.size) for i in range(n)])
print(list(struct.iter_unpack("<hh", bytes(range(8)))))
print(struct.calcsize("@bhiqd"), struct.calcsize("=bhiqd"), struct.calcsize("<5s3x"), struct.calcsize("!I"))
print(struct.pack(">HHL", 1, 2, 3).hex(), struct.unpack("!f", struct.pack("!f", 1.5)))
try:
    struct.pack("<h", 40000)
except struct.error as e:
    print("struct.error:", e)
try:
    struct.unpack("<i", b"abc")
except struct.error as e:
    print("struct.error:", e)
print(struct.error.__module__, struct.error.__name__, issubclass(struct.error, Exception))
