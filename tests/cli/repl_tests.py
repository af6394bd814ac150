#!/usr/bin/env python3
"""The interactive prompt under a pseudo-terminal, compared with python3's.

Each session in SESSIONS types its lines into `python3 -q` and into `chaipy -q` (each in every
JIT mode) through a pty (pty.fork: the child gets the pty as its controlling terminal, so Ctrl-C
typed as \\x03 raises SIGINT as on a real terminal). A line is typed once the interpreter shows
a prompt (">>> " or "... ") and has gone quiet. The transcripts must match exactly once terminal
control sequences and carriage returns are removed.  Plus non-tty cases: `-i` with stdin a pipe
(prompts on stderr), and the banner.
Usage: repl_tests.py --chaipy PATH [--filter S] [-v]
"""
import argparse
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

JIT_MODES = {"off": ["--jit", "off"], "default": [], "threshold1": ["--jit", "threshold=1,hotexit=1"]}
CTRL_C, CTRL_D = "\x03", "\x04"

SESSIONS = [
    ("echo_and_underscore", ["1 + 2", "_ * 10", "x = 5", "x", "None", "'text'", "print('hi')", CTRL_D]),
    ("continuation", ["def f(n):", "    return n * 2", "", "f(21)", "for i in range(3):", "    i", "",
                      "(1,", " 2)", "if True: 'one-line block'", "", CTRL_D]),
    ("traceback_keeps_going", ["1/0", "undefined_name", "x = 1", "x + 1", CTRL_D]),
    ("syntax_error", ["1 +", "a b", "'still alive'", CTRL_D]),
    ("ctrl_c_cancels_input", ["def g():", "    return 1", CTRL_C, "'after'", CTRL_D]),
    ("ctrl_c_stops_loop", ["import time", "time.sleep(30)", CTRL_C, "n = 0", "while True: n += 1", "",
                           CTRL_C, "n > 0", CTRL_D]),
    ("displayhook", ["import sys", "sys.displayhook = lambda v: print('hook:', repr(v))", "42", "[1, 2]", CTRL_D]),
    ("prompts", ["import sys", "sys.ps1 = 'py> '", "1", CTRL_D]),
    ("exit_status", ["import sys", "sys.exit(3)"]),
    ("jit_in_repl", ["s = 0", "for i in range(100000): s += i", "", "s", CTRL_D]),
]

ESC = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]|\x1b[=>]|\x07")


def transcript(cmd, keys, cwd, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execvpe(cmd[0], cmd, env)
    out = b""

    def drain(quiet=0.3, limit=30.0, prompt=True):
        nonlocal out
        end = time.time() + limit
        last = time.time()
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    return False
                if not data:
                    return False
                out += data
                last = time.time()
            elif time.time() - last > quiet and (not prompt or out.endswith(b">>> ") or out.endswith(b"... ")
                                                 or out.endswith(b"py> ")):
                return True
        return True

    alive = drain(quiet=0.5)
    for i, k in enumerate(keys):
        if not alive:
            break
        os.write(fd, k.encode() if k in (CTRL_C, CTRL_D) else (k + "\r").encode())
        # A statement that runs until interrupted (the next key is Ctrl-C) shows no prompt: give
        # it a second without output to get going, rather than waiting for a prompt.
        runs = i + 1 < len(keys) and keys[i + 1] == CTRL_C and k not in (CTRL_C, CTRL_D) and not k.startswith("    ")
        alive = drain(quiet=1.0, prompt=False) if runs else drain(quiet=0.3)
    try:
        while True:
            r, _, _ = select.select([fd], [], [], 5)
            if not r:
                break
            data = os.read(fd, 4096)
            if not data:
                break
            out += data
    except OSError:
        pass
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    text = ESC.sub("", out.decode("utf-8", "replace")).replace("\r", "")
    return os.waitstatus_to_exitcode(status), text


def plain(cmd, stdin, cwd, env):
    p = subprocess.run(cmd, input=stdin.encode(), capture_output=True, cwd=cwd, env=env, timeout=30)
    # The banner's version line names the build (python3's "3.11.7 (main, ...)", chaipy's own).
    err = re.sub(r"^Python .* on linux$", "Python VERSION on linux", p.stderr.decode(), flags=re.M)
    return p.returncode, p.stdout.decode(), err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chaipy", required=True)
    ap.add_argument("--filter", default="")
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    chaipy = os.path.abspath(a.chaipy)
    python3 = shutil.which("python3")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and not k.startswith("CHAIPY")}
    env["TERM"] = "dumb"
    passed = failed = 0

    def check(name, want, got):
        nonlocal passed, failed
        if want == got:
            passed += 1
            if a.v:
                print(f"ok   {name}")
        else:
            failed += 1
            print(f"FAIL {name}\n  python3: {want!r}\n  chaipy:  {got!r}")

    with tempfile.TemporaryDirectory() as d:
        env["HOME"] = d  # no history files of the user's
        for name, keys in SESSIONS:
            if a.filter not in name:
                continue
            want = transcript([python3, "-q"], keys, d, env)
            for mode, extra in JIT_MODES.items():
                check(f"{name} [{mode}]", want, transcript([chaipy] + extra + ["-q"], keys, d, env))
        # Not a terminal: -i reads stdin line by line, prompts go to stderr, no banner.
        with open(os.path.join(d, "prog.py"), "w") as f:
            f.write("x = 40\nprint('program ran')\n")
        for name, args, stdin in [
            ("pipe_i", ["-i"], "1 + 1\nfor i in range(2):\n  i\n\nraise ValueError('v')\n'after'\n"),
            ("pipe_i_after_script", ["-i", "prog.py"], "x + 2\n"),
            ("pipe_i_after_error", ["-i", "-c", "1/0"], "'still here'\n"),
            ("pipe_i_syntax_error", ["-i"], "1 +\n2\n"),
        ]:
            if a.filter not in name:
                continue
            check(name, plain([python3] + args, stdin, d, env), plain([chaipy] + args, stdin, d, env))
    print(f"repl_tests: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
