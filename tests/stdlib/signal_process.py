# _signal handlers (run at the interpreter's safe points), posix fork / wait / kill, pipes with
# select / poll, fcntl, _posixsubprocess.fork_exec as subprocess drives it, pwd and grp.
import _posixsubprocess
import _signal
import fcntl
import grp
import posix
import pwd
import select
import time

got = []


def handler(sig, frame):
    got.append(sig)


print(_signal.getsignal(_signal.SIGINT) is _signal.default_int_handler, _signal.SIG_DFL, _signal.SIG_IGN)
print(_signal.signal(_signal.SIGUSR1, handler), _signal.getsignal(_signal.SIGUSR1) is handler)
posix.kill(posix.getpid(), _signal.SIGUSR1)
for i in range(100):
    pass
print(got)
_signal.signal(_signal.SIGALRM, lambda s, f: got.append("alarm"))
_signal.setitimer(_signal.ITIMER_REAL, 0.02)
start = time.monotonic()
while len(got) < 2 and time.monotonic() - start < 10:
    pass
print(got)


def boom(sig, frame):
    raise ValueError("raised by the handler")


_signal.signal(_signal.SIGUSR2, boom)
try:
    _signal.raise_signal(_signal.SIGUSR2)
except ValueError as e:
    print("caught", e)
try:
    posix.kill(posix.getpid(), _signal.SIGUSR2)
    for i in range(1000):
        pass
except ValueError as e:
    print("caught in loop", e)
print(_signal.signal(_signal.SIGUSR1, _signal.SIG_IGN) is handler, _signal.getsignal(_signal.SIGUSR1))
posix.kill(posix.getpid(), _signal.SIGUSR1)
print(_signal.strsignal(_signal.SIGTERM), _signal.SIGTERM in _signal.valid_signals())
for bad in [(0, handler), (_signal.SIGUSR1, 5), (_signal.NSIG, handler)]:
    try:
        _signal.signal(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# -- fork / wait --------------------------------------------------------------------------------------
r, w = posix.pipe()
pid = posix.fork()
if pid == 0:
    posix.close(r)
    posix.write(w, b"from the child")
    posix._exit(7)
posix.close(w)
print(posix.read(r, 100))
wpid, status = posix.waitpid(pid, 0)
print(wpid == pid, posix.WIFEXITED(status), posix.WEXITSTATUS(status), posix.waitstatus_to_exitcode(status))
pid = posix.fork()
if pid == 0:
    time.sleep(10)
    posix._exit(0)
posix.kill(pid, _signal.SIGTERM)
print(posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))
try:
    posix.waitpid(pid, 0)
except ChildProcessError as e:
    print(type(e).__name__, e.errno)

# -- select / poll / fcntl -------------------------------------------------------------------------------
p = select.poll()
p.register(r, select.POLLIN)
print(p.poll(0))
r2, w2 = posix.pipe()
print(select.select([r2], [w2], [], 0) == ([], [w2], []))
posix.write(w2, b"x")
p.register(r2, select.POLLIN)
print(p.poll(1000), select.select([r2], [], [], 0)[0] == [r2])
p.unregister(r2)
try:
    p.unregister(r2)
except KeyError as e:
    print("KeyError", e)
flags = fcntl.fcntl(r2, fcntl.F_GETFL)
fcntl.fcntl(r2, fcntl.F_SETFL, flags | posix.O_NONBLOCK)
print(posix.get_blocking(r2), fcntl.fcntl(r2, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
print(posix.read(r2, 10))
try:
    posix.read(r2, 10)
except BlockingIOError as e:
    print(type(e).__name__, e.errno == 11)
for fd in [r, r2, w2]:
    posix.close(fd)

# -- fork_exec, as subprocess.Popen calls it -----------------------------------------------------------------
c2pread, c2pwrite = posix.pipe()
errpipe_read, errpipe_write = posix.pipe()
pid = _posixsubprocess.fork_exec(
    [b"/bin/sh", b"-c", b"echo out; echo err 1>&2; exit 3"], [b"/bin/sh"], True, (c2pwrite, errpipe_write),
    None, [b"LC_ALL=C"], -1, -1, c2pread, c2pwrite, -1, c2pwrite, errpipe_read, errpipe_write, True, False, -1,
    None, None, None, -1, None, True)
posix.close(c2pwrite)
posix.close(errpipe_write)
print(posix.read(errpipe_read, 100))
out = b""
while True:
    chunk = posix.read(c2pread, 100)
    if not chunk:
        break
    out += chunk
print(out, posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))
posix.close(c2pread)
posix.close(errpipe_read)
errpipe_read, errpipe_write = posix.pipe()
pid = _posixsubprocess.fork_exec(
    [b"/no/such/program"], [b"/no/such/program"], True, (errpipe_write,), None, None, -1, -1, -1, -1, -1, -1,
    errpipe_read, errpipe_write, True, False, -1, None, None, None, -1, None, True)
posix.close(errpipe_write)
report = b""
while True:
    chunk = posix.read(errpipe_read, 100)
    if not chunk:
        break
    report += chunk
print(report, posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))
posix.close(errpipe_read)

# -- pwd / grp ----------------------------------------------------------------------------------------------
me = pwd.getpwuid(posix.getuid())
print(type(me).__name__, me.pw_uid == posix.getuid(), me == pwd.getpwnam(me.pw_name), len(me))
print(grp.getgrgid(posix.getgid()).gr_gid == posix.getgid(), type(grp.getgrgid(0).gr_mem).__name__)
for f, a in [(pwd.getpwnam, "no-such-user-xyz"), (pwd.getpwuid, 4000000), (grp.getgrnam, "no-such-group-xyz"),
             (grp.getgrgid, 4000000)]:
    try:
        f(a)
    except KeyError as e:
        print("KeyError", e)
