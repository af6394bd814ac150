# No output lost when a signal ends a program writing to a pipe: SIGINT raises KeyboardInterrupt,
# `finally:` blocks run and buffered output is flushed at exit (with and without -u); SIGTERM of
# an unbuffered (-u) program loses nothing it printed. The child is this interpreter.
# (posix and _signal directly: chaipy cannot import the `signal` / `subprocess` modules yet.)
import _signal
import posix
import sys

CHILD_SELF_INT = r'''
import _signal, posix
for i in range(2000):
    print("line", i)
try:
    posix.kill(posix.getpid(), _signal.SIGINT)
    for i in range(10**8):
        pass
finally:
    print("finally ran")
'''

CHILD_WAIT = r'''
import sys, time
for i in range(500):
    print("line", i)
sys.stdout.flush()
try:
    sys.stderr.write("ready\n")
    sys.stderr.flush()
    time.sleep(60)
finally:
    print("finally ran")
'''


def read_all(fd):
    chunks = []
    while True:
        b = posix.read(fd, 65536)
        if not b:
            return b"".join(chunks)
        chunks.append(b)


def run(label, args, code, send=None):
    out_r, out_w = posix.pipe()
    err_r, err_w = posix.pipe()
    pid = posix.fork()
    if pid == 0:
        posix.dup2(out_w, 1)
        posix.dup2(err_w, 2)
        for fd in (out_r, out_w, err_r, err_w):
            posix.close(fd)
        posix.execv(sys.executable, [sys.executable] + args + ["-c", code])
    posix.close(out_w)
    posix.close(err_w)
    err = b""
    if send is not None:
        while not err.endswith(b"ready\n"):  # everything before it is printed
            err += posix.read(err_r, 1)
        posix.kill(pid, send)
    out = read_all(out_r)
    err += read_all(err_r)
    posix.close(out_r)
    posix.close(err_r)
    _, status = posix.waitpid(pid, 0)
    code = -posix.WTERMSIG(status) if posix.WIFSIGNALED(status) else posix.WEXITSTATUS(status)
    lines = out.decode().splitlines()
    last = err.decode().strip().splitlines()[-1:]
    print(label, "status", code, "lines", len(lines), "last", lines[-1:], "stderr", last)


run("self SIGINT", [], CHILD_SELF_INT)
run("self SIGINT -u", ["-u"], CHILD_SELF_INT)
run("parent SIGINT", [], CHILD_WAIT, _signal.SIGINT)
run("parent SIGINT -u", ["-u"], CHILD_WAIT, _signal.SIGINT)
run("parent SIGTERM -u", ["-u"], CHILD_WAIT, _signal.SIGTERM)
