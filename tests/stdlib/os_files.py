# os / os.path / open(): a temp directory, files written and read back in text and binary modes.
import os, os.path, tempfile

with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "hello.txt")
    print(os.path.exists(p))
    with open(p, "w") as f:
        f.write("line one\nline two\n")
    print(os.path.exists(p), os.path.isfile(p), os.path.isdir(d), os.path.getsize(p))
    with open(p) as f:
        print(f.read().splitlines())
    with open(p, "a") as f:
        print("three", file=f)
    with open(p) as f:
        print([line.rstrip("\n") for line in f])
    b = os.path.join(d, "data.bin")
    with open(b, "wb") as f:
        f.write(bytes(range(8)))
    with open(b, "rb") as f:
        print(f.read())
    os.mkdir(os.path.join(d, "sub"))
    print(sorted(os.listdir(d)))
    os.remove(b)
    print(sorted(os.listdir(d)), os.path.basename(p), os.path.splitext(p)[1])
print(os.path.join("a", "b", "c.txt"), os.path.dirname("/x/y/z"), os.path.normpath("a//b/../c"), os.sep)
