# _io.StringIO and _io.BytesIO: reading, writing past the end, seek/tell/truncate, newline modes,
# iteration, closed-object errors, and TextIOWrapper / BufferedReader over in-memory buffers.
import _io


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


s = _io.StringIO("line one\nline two\r\nthree")
print(s.readline(), s.tell(), s.read(4), s.readlines(), s.read())
print(s.seek(0), list(s), s.getvalue() == "line one\nline two\r\nthree")
s = _io.StringIO()
print(s.write("héllo"), s.write(" wörld"), s.tell(), s.getvalue())
s.seek(2)
s.write("XY")
print(s.getvalue(), s.tell(), s.truncate(4), s.getvalue(), s.tell())
s.seek(8)
s.write("!")
print(repr(s.getvalue()), s.readable(), s.writable(), s.seekable(), s.line_buffering, s.newlines)
show("nonzero cur seek", lambda: s.seek(1, 1))
show("negative seek", lambda: s.seek(-1))
show("write bytes", lambda: s.write(b"x"))
show("bad initial", lambda: _io.StringIO(3))
show("bad newline", lambda: _io.StringIO("", "x"))
s.close()
print(s.closed)
show("closed read", lambda: s.read())
show("closed getvalue", lambda: s.getvalue())
for nl in [None, "", "\n", "\r", "\r\n"]:
    t = _io.StringIO(newline=nl)
    t.write("a\nb\r\nc\rd")
    print(repr(nl), repr(t.getvalue()), t.newlines)
    t.seek(0)
    print("  ", t.readlines())
with _io.StringIO("ctx") as c:
    print(c.read())
print(c.closed)

b = _io.BytesIO(b"abc\ndef\nghi")
print(b.read(2), b.readline(), b.tell(), b.readlines(), b.read(), b.getvalue())
b.seek(20)
print(b.write(b"Z"), len(b.getvalue()), b.getvalue()[-3:], b.tell())
print(b.seek(0), b.truncate(2), b.getvalue(), b.seek(-1, 2), b.read(), b.seek(-5, 1))
show("negative", lambda: b.seek(-1))
show("whence", lambda: b.seek(0, 5))
show("write str", lambda: b.write("x"))
show("init str", lambda: _io.BytesIO("x"))
print(list(_io.BytesIO(b"1\n2\n3")), b.readable(), b.writable(), b.seekable(), b.isatty())
b.close()
show("closed", lambda: b.read())
show("closed getvalue", lambda: b.getvalue())

t = _io.TextIOWrapper(_io.BytesIO("ab\r\nçd\n".encode("utf-8")), encoding="utf-8")
print(repr(t), t.readline(), t.tell(), t.read(), t.buffer.getvalue())
t = _io.TextIOWrapper(_io.BytesIO(), encoding="latin-1", newline="\r\n")
t.write("x\ny\n")
t.flush()
print(t.buffer.getvalue(), t.encoding, t.errors)
r = _io.BufferedReader(_io.BytesIO(b"0123456789"), 4)
print(repr(r), r.read(3), r.peek()[:1], r.read1(10), r.read(), r.tell())
w = _io.BufferedWriter(_io.BytesIO())
print(w.write(b"abc"), w.tell(), w.raw.getvalue())
w.flush()
print(w.raw.getvalue())
d = _io.IncrementalNewlineDecoder(None, True)
print(repr(d.decode("a\r")), repr(d.decode("\nb\r")), repr(d.decode("", final=True)), d.newlines, d.getstate())
