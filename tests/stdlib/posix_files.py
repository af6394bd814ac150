# posix (the native module os.py re-exports): files and descriptors, stat results, directories,
# listdir / scandir / DirEntry, rename / replace / links, chmod / utime / access / truncate,
# environ / putenv, and OSError subclasses with errno, strerror and filenames.
import posix

base = "/tmp/chaipy-posix-%d" % posix.getpid()
posix.mkdir(base)
posix.chdir(base)


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


# -- descriptors ------------------------------------------------------------------------------------
fd = posix.open("a.txt", posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
print(posix.write(fd, b"hello\nworld\n"), posix.lseek(fd, 0, 1), posix.isatty(fd))
posix.close(fd)
fd = posix.open("a.txt", posix.O_RDONLY)
print(posix.read(fd, 5), posix.read(fd, 100), posix.read(fd, 10))
print(posix.lseek(fd, 2, 0), posix.read(fd, 3), posix.lseek(fd, -2, 2))
st = posix.fstat(fd)
print(st.st_size, st.st_mode & 0o777, type(st.st_mtime).__name__, st.st_mtime_ns // 10**9 == st[8])
print(posix.get_inheritable(fd), posix.get_blocking(fd))
fd2 = posix.dup(fd)
print(fd2 != fd, posix.get_inheritable(fd2))
posix.close(fd2)
posix.close(fd)
show("closed fd", lambda: posix.close(fd))
r, w = posix.pipe()
print(posix.write(w, b"through a pipe"), posix.read(r, 100))
posix.close(r)
posix.close(w)

# -- stat -------------------------------------------------------------------------------------------
st = posix.stat("a.txt")
print(type(st).__name__, type(st).__module__, len(st), st.st_size, st[6], st.st_nlink)
print(type(st).n_fields, type(st).n_sequence_fields, type(st).n_unnamed_fields)
print(st == posix.stat(b"a.txt"), (st.st_mode & 0o170000) == 0o100000)
show("missing", lambda: posix.stat("nope.txt"))
show("missing bytes", lambda: posix.stat(b"nope.txt"))
show("bad type", lambda: posix.stat([]))
show("null", lambda: posix.stat("a\0b"))
show("positional dir_fd", lambda: posix.stat("a.txt", None))


class P:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return self.p


print(posix.stat(P("a.txt")).st_size, posix.fspath(P("x")), posix.fspath(b"y"))
show("fspath int", lambda: posix.fspath(3))
show("pathlike missing", lambda: posix.stat(P("nope")))

# -- directories ------------------------------------------------------------------------------------
posix.mkdir("d")
posix.mkdir("d/sub", 0o755)
for n in ["d/x.py", "d/y.txt"]:
    f = posix.open(n, posix.O_WRONLY | posix.O_CREAT, 0o600)
    posix.write(f, n.encode())
    posix.close(f)
posix.symlink("x.py", "d/link")
print(sorted(posix.listdir("d")), sorted(posix.listdir(b"d")))
with posix.scandir("d") as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(), e.is_file(follow_symlinks=False),
          e.stat().st_size if not e.is_dir() else "-", posix.fspath(e))
print([e.name for e in sorted(posix.scandir(b"d"), key=lambda e: e.name)][:2])
print(posix.readlink("d/link"), posix.lstat("d/link").st_mode & 0o170000 == 0o120000)
show("mkdir exists", lambda: posix.mkdir("d"))
show("rmdir not empty", lambda: posix.rmdir("d"))
show("listdir missing", lambda: posix.listdir("nope"))
show("listdir file", lambda: posix.listdir("a.txt"))
posix.rename("d/y.txt", "d/z.txt")
show("rename missing", lambda: posix.rename("d/none", "d/other"))
posix.replace("d/z.txt", "d/x.py")
posix.link("a.txt", "hard.txt")
print(sorted(posix.listdir("d")), posix.stat("hard.txt").st_nlink)
dfd = posix.open("d", posix.O_RDONLY)
print(sorted(posix.listdir(dfd)), posix.stat("x.py", dir_fd=dfd).st_size)
posix.unlink("link", dir_fd=dfd)
posix.close(dfd)

# -- permissions, times, truncate -------------------------------------------------------------------
posix.chmod("a.txt", 0o600)
print(oct(posix.stat("a.txt").st_mode & 0o777), posix.access("a.txt", posix.R_OK), posix.access("nope", posix.F_OK))
posix.utime("a.txt", (1000000000, 1000000000.5))
st = posix.stat("a.txt")
print(st.st_atime, st.st_mtime, st.st_mtime_ns, st[8])
posix.utime("a.txt", ns=(5, 1234567890123456789))
print(posix.stat("a.txt").st_mtime_ns)
posix.truncate("a.txt", 3)
print(posix.stat("a.txt").st_size)
old = posix.umask(0o022)
print(posix.umask(old) == 0o022)

# -- environ ----------------------------------------------------------------------------------------
print(type(posix.environ).__name__, all(type(k) is bytes for k in posix.environ))
posix.putenv("CHAIPY_TEST_VAR", "value")
posix.unsetenv("CHAIPY_TEST_VAR")
show("bad env name", lambda: posix.putenv("A=B", "x"))

# -- misc -------------------------------------------------------------------------------------------
print(posix.strerror(2), posix.waitstatus_to_exitcode(3 << 8), posix.WEXITSTATUS(256), posix.WIFEXITED(0))
print(len(posix.urandom(16)), posix.cpu_count() > 0, type(posix.times()).__name__, len(posix.uname()))
print(posix.getcwd() == base, posix.getcwdb() == base.encode(), posix.getpid() > 0)
print(posix.sysconf("SC_PAGESIZE") > 0, "SC_OPEN_MAX" in posix.sysconf_names)

# -- clean up ----------------------------------------------------------------------------------------
for n in ["d/x.py"]:
    posix.remove(n)
posix.rmdir("d/sub")
posix.rmdir("d")
for n in ["a.txt", "hard.txt"]:
    posix.unlink(n)
posix.chdir("/")
posix.rmdir(base)
print(posix.access(base, posix.F_OK))
