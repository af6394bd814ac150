# zlib: round trips at every level and wbits, known outputs, streaming objects, zdict, errors.
import zlib
data = b"hello world " * 100 + bytes(range(256))
for level in [-1, 0, 1, 6, 9]:
    c = zlib.compress(data, level)
    print(level, len(c), c[:12].hex(), zlib.decompress(c) == data)
for wbits in [9, 15, -15, 31, 16 + 9]:
    c = zlib.compress(data, 6, wbits)
    print(wbits, len(c), c[:4].hex(), zlib.decompress(c, wbits) == data)
print(zlib.decompress(zlib.compress(data, wbits=31), 47) == data, zlib.decompress(zlib.compress(data), 0) == data)
print(zlib.crc32(b"abc"), zlib.crc32(b"abc", 5), zlib.crc32(b""), zlib.adler32(b"abc"), zlib.adler32(b"abc", 7), zlib.crc32(b"x", -1), zlib.crc32(memoryview(b"abc")))
co = zlib.compressobj(9, zlib.DEFLATED, -12, 9, zlib.Z_FILTERED)
out = co.compress(data[:500]) + co.compress(data[500:]) + co.flush()
print(len(out), zlib.decompress(out, -12) == data)
co = zlib.compressobj(zdict=b"hello world")
c = co.compress(data) + co.flush()
do = zlib.decompressobj(zdict=b"hello world")
print(len(c), do.decompress(c) == data, do.eof, do.unused_data)
try: zlib.decompress(c)
except zlib.error as e: print("error", e)
do = zlib.decompressobj()
c = zlib.compress(data) + b"TRAILER"
part = do.decompress(c, 100)
print(len(part), len(do.unconsumed_tail) > 0, do.eof)
rest = do.decompress(do.unconsumed_tail)
print(len(part + rest) == len(data), do.eof, do.unused_data, do.flush())
do = zlib.decompressobj()
chunks = [do.decompress(c[i:i+7]) for i in range(0, len(c), 7)]
print(b"".join(chunks) == data, do.unused_data, do.eof)
co = zlib.compressobj()
a = co.compress(b"abc"); s = co.flush(zlib.Z_SYNC_FLUSH); cp = co.copy(); f1 = co.flush(); f2 = cp.flush()
print(a, s.hex(), f1 == f2)
try: co.compress(b"x")
except zlib.error as e: print("error", e)
for f in [lambda: zlib.compress(b'x', 20), lambda: zlib.decompress(b'xx'), lambda: zlib.decompress(zlib.compress(b'abc')[:-2]), lambda: zlib.compressobj(20), lambda: zlib.decompressobj(99), lambda: zlib.decompress('abc'), lambda: zlib.decompressobj().decompress(b'x', -1), lambda: zlib.decompressobj().flush(0)]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.Z_BEST_COMPRESSION, zlib.Z_FINISH, zlib.Z_SYNC_FLUSH, zlib.DEF_BUF_SIZE, zlib.DEF_MEM_LEVEL, zlib.ZLIB_VERSION[:2], zlib.error.__module__)
