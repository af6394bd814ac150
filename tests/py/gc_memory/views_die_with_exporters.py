# memoryviews (and struct.iter_unpack iterators) die in the same collection as the bytearray or
# array they view, while new objects reuse the memory freed by the collection.
import array
import struct

total = 0
for rnd in range(30):
    keep = []
    for i in range(400):
        ba = bytearray(b"x" * (i % 50 + 1))
        mv = memoryview(ba)
        sub = mv[1:]
        arr = array.array("i", range(i % 7 + 1))
        amv = memoryview(arr)
        it = struct.iter_unpack("i", arr)
        total += len(sub) + amv.nbytes + sum(x for (x,) in it)
        keep.append((mv, sub, amv))
    del keep, ba, mv, sub, arr, amv, it
    junk = [bytearray(i % 60) for i in range(3000)] + [(i, str(i)) for i in range(3000)]
    total += len(junk)

print(total)
