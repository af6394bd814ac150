# _io (the native module io.py re-exports) and the open() builtin: text and binary files in every
# mode, buffering, newline translation, encodings and errors, seek/tell cookies, iteration,
# readline(s)/writelines, closed-file and mode errors, FileIO/Buffered*/TextIOWrapper reprs.
import _io
import posix

base = "/tmp/chaipy-io-%d" % posix.getpid()
posix.mkdir(base)
posix.chdir(base)


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# -- text mode --------------------------------------------------------------------------------------
f = open("t.txt", "w")
print(repr(f), f.mode, f.name, f.encoding, f.errors, f.line_buffering, f.closed, f.readable(), f.writable())
print(f.write("first line\n"), f.write("zwei: äöü\n"), f.write("third"), f.tell())
f.writelines(["\n", "a\n", "b\n"])
f.close()
print(f.closed, repr(f))
show("write closed", lambda: f.write("x"))
show("read closed", lambda: f.read())
with open("t.txt") as f:
    print(repr(f.readline()), f.tell())
    print(repr(f.readline()), f.tell())
    print(repr(f.read(3)), f.tell())
    print(repr(f.readline(2)), repr(f.read()))
    print(f.seek(0), repr(f.read(5)), f.seek(f.tell()), repr(f.readline()))
    show("nonzero cur seek", lambda: f.seek(3, 1))
    print(f.seek(0, 2), repr(f.read()))
with open("t.txt") as f:
    print(list(f))
with open("t.txt") as f:
    print(f.readlines(), f.readlines())
with open("t.txt", encoding="latin-1") as f:
    print(repr(f.readline()), repr(f.readline()))
with open("t.txt", "a") as f:
    print(f.tell(), f.write("!\n"))
with open("t.txt", "r+") as f:
    f.seek(0)
    f.write("FIRST")
    f.seek(0)
    print(repr(f.readline()))

# -- newlines --------------------------------------------------------------------------------------------
with open("nl.txt", "wb") as f:
    f.write(b"unix\nwindows\r\nmac\rend")
for nl in [None, "", "\n", "\r", "\r\n"]:
    with open("nl.txt", newline=nl) as f:
        print(repr(nl), f.readlines(), f.newlines)
with open("nl.txt") as f:
    print(repr(f.read()), f.newlines)
for nl in [None, "", "\n", "\r", "\r\n"]:
    with open("w.txt", "w", newline=nl) as f:
        f.write("a\nb\r\nc\r")
    with open("w.txt", "rb") as f:
        print(repr(nl), f.read())
show("bad newline", lambda: open("w.txt", newline="x"))

# -- encodings and errors ------------------------------------------------------------------------------
with open("e.txt", "wb") as f:
    f.write(b"ok \xff\xfe bad \xc3\xa9")
for errors in ["replace", "ignore", "surrogateescape", "backslashreplace"]:
    with open("e.txt", errors=errors) as f:
        print(errors, ascii(f.read()))
show("strict", lambda: open("e.txt").read())
with open("e.txt", encoding="ascii", errors="replace") as f:
    print(ascii(f.read()))
with open("u.txt", "w", encoding="ascii", errors="backslashreplace") as f:
    f.write("snow \u2603 and é")
with open("u.txt", "w", encoding="latin-1") as f:
    f.write("é")
    show("unencodable", lambda: f.write("\u2603"))
with open("u.txt", "rb") as f:
    print(f.read())

# -- binary mode -------------------------------------------------------------------------------------------
with open("b.bin", "wb") as f:
    print(repr(f), type(f).__name__, f.write(b"0123456789"), f.tell(), f.mode)
    show("write str", lambda: f.write("x"))
with open("b.bin", "rb") as f:
    print(f.read(3), f.peek(1)[:1], f.read1(2), f.tell(), f.seek(-2, 2), f.read(), f.read())
    print(f.seek(1), f.readline(), f.raw, f.fileno() > 2, f.isatty(), f.seekable())
with open("b.bin", "r+b") as f:
    f.seek(3)
    f.write(b"abc")
    print(f.read(2), f.tell())
    f.seek(0)
    print(f.read())
    print(f.truncate(4), f.seek(0, 2))
with open("b.bin", "ab") as f:
    print(f.tell(), f.write(b"++"))
with open("b.bin", "rb", buffering=0) as f:
    print(type(f).__name__, f.read(), f.read(), repr(f))
with open("b.bin", "xb" if False else "rb") as f:
    print(f.readlines())
show("x exists", lambda: open("b.bin", "x"))
with open("new.bin", "x+b") as f:
    print(f.mode, f.write(b"q"), f.seek(0), f.read())

# -- modes and argument errors ------------------------------------------------------------------------------
for mode in ["rw", "rr", "q", "rbt", "", "+"]:
    show("mode " + repr(mode), lambda: open("t.txt", mode))
show("binary encoding", lambda: open("t.txt", "rb", encoding="utf-8"))
show("binary newline", lambda: open("t.txt", "rb", newline=""))
show("unbuffered text", lambda: open("t.txt", "r", buffering=0))
show("unknown encoding", lambda: open("t.txt", encoding="no-such-codec"))
show("missing", lambda: open("missing.txt"))
show("directory", lambda: open("."))
show("not readable", lambda: open("t.txt", "a").read())
show("not writable", lambda: open("t.txt").write("x"))
show("float file", lambda: open(1.5))

# -- FileIO directly -----------------------------------------------------------------------------------------
raw = _io.FileIO("b.bin")
print(repr(raw), raw.mode, raw.closefd, raw.readable(), raw.writable(), raw.read(2), raw.readall(), raw.tell())
raw.close()
print(repr(raw), raw.closed)
show("raw closed", lambda: raw.read())
show("bad raw mode", lambda: _io.FileIO("b.bin", "rw"))
fd = posix.open("b.bin", posix.O_RDONLY)
raw = _io.FileIO(fd, closefd=False)
print(raw.name == fd, raw.read(3))
raw.close()
print(posix.read(fd, 2))
posix.close(fd)

# -- cleanup -----------------------------------------------------------------------------------------------------
for n in sorted(posix.listdir(".")):
    posix.unlink(n)
posix.chdir("/")
posix.rmdir(base)
print(_io.DEFAULT_BUFFER_SIZE, issubclass(_io.UnsupportedOperation, OSError), issubclass(_io.UnsupportedOperation, ValueError))
