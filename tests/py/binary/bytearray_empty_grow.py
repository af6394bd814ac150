# An empty bytearray that never had a buffer, changed by operations that keep it empty or grow it
# (subprocess reads its error pipe with `data += part`, part often b'').
b = bytearray()
b += b""
print(b, len(b))
b[0:0] = b""
b[:] = bytearray()
b.extend(b"")
print(b)
b += b"ab"
b[1:1] = b"-"
print(b)
for make in (bytearray, lambda: bytearray(b"")):
    c = make()
    c += memoryview(b"")
    c[len(c):] = b"xyz"
    del c[:]
    c += b"z"
    print(c, c + b"", c * 2)
