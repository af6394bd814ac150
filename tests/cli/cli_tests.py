#!/usr/bin/env python3
"""The chaipy command line compared with python3's: options, environment variables, exit
statuses, signals (Ctrl-C as SIGINT at a running program) and broken pipes.

Each case in CASES runs under python3 (the oracle) and under chaipy in every JIT mode; stdout,
stderr and the exit status must match exactly, after the interpreter's path in a usage line is
replaced by "PYTHON".  A case is a dict:
  name    -- what it checks
  args    -- command-line arguments after the interpreter
  files   -- {relative path: text} written into a fresh temporary directory (the cwd)
  env     -- extra environment variables (PYTHON* variables of the caller are removed first)
  stdin   -- bytes fed to stdin (default: empty)
  sigint  -- send SIGINT once the program wrote "ready" to stderr (then read the rest)
  pipe    -- close stdout after reading this many bytes (the reader of a pipe went away)
  modes   -- False for cases about the command line itself: run chaipy only in the default mode
Usage: cli_tests.py --chaipy PATH [--filter S] [-v]
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

JIT_MODES = {"off": ["--jit", "off"], "default": [], "threshold1": ["--jit", "threshold=1,hotexit=1"]}

LOOP = """import sys
def spin():
    i = 0
    while True:
        i += 1
print("start", flush=True)
print("ready", file=sys.stderr, flush=True)
try:
    spin()
except KeyboardInterrupt:
    print("caught KeyboardInterrupt")
print("after")
"""

CASES = [
    # -- Signals ------------------------------------------------------------------------------------
    dict(name="sigint_caught_in_loop", args=["loop.py"], files={"loop.py": LOOP}, sigint=True),
    dict(name="sigint_uncaught_loop", sigint=True, args=["u.py"], files={"u.py": """import sys
print("ready", file=sys.stderr, flush=True)
n = 0
while True:
    n += 1
"""}),
    dict(name="sigint_in_sleep", sigint=True, args=["s.py"], files={"s.py": """import sys, time
print("ready", file=sys.stderr, flush=True)
try:
    time.sleep(60)
except KeyboardInterrupt as e:
    print("sleep interrupted", type(e).__name__)
"""}),
    dict(name="sigint_in_input", sigint=True, args=["i.py"], stdin=None, files={"i.py": """import sys
print("ready", file=sys.stderr, flush=True)
try:
    input()
except KeyboardInterrupt:
    print("input interrupted")
"""}),
    dict(name="sigint_in_read", sigint=True, args=["r.py"], stdin=None, files={"r.py": """import sys
print("ready", file=sys.stderr, flush=True)
try:
    sys.stdin.buffer.raw.read(10)
except KeyboardInterrupt:
    print("read interrupted")
"""}),
    dict(name="sigint_python_handler", sigint=True, args=["h.py"], files={"h.py": """import _signal as signal, sys
got = []
signal.signal(signal.SIGINT, lambda s, f: got.append(s))
print("ready", file=sys.stderr, flush=True)
while not got:
    pass
print("handled", got == [signal.SIGINT])
"""}),
    dict(name="sigint_ignored", sigint=True, args=["g.py"], files={"g.py": """import _signal as signal, sys, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
print("ready", file=sys.stderr, flush=True)
time.sleep(0.5)
print("still here")
"""}),
    dict(name="raise_keyboardinterrupt", args=["-c", "print('x'); raise KeyboardInterrupt"]),
    dict(name="default_int_handler", args=["-c", "import _signal as signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"]),
    dict(name="sigpipe_ignored", args=["-c", "import _signal as signal; print(signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN)"]),
    # -- Broken pipes -------------------------------------------------------------------------------
    dict(name="broken_pipe_print", pipe=4, args=["-c", "for i in range(100000): print(i)"]),
    dict(name="broken_pipe_caught", pipe=4, args=["p.py"], files={"p.py": """import sys
try:
    for i in range(100000): print(i)
except BrokenPipeError:
    print("caught", file=sys.stderr)
"""}),
    dict(name="broken_pipe_at_exit", pipe=0, args=["-c", "import sys, time; sys.stdout.write('x' * 100); time.sleep(0.3)"]),
]


def run(cmd, case, cwd, env):
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    held, p.stdin = p.stdin, None  # stdin=None in a case: held open, so reads block until a signal
    if case.get("stdin", b"") is not None:
        held.write(case.get("stdin", b""))
        held.close()
    out = err = b""
    try:
        if case.get("sigint"):
            line = p.stderr.readline()
            if line != b"ready\n":
                err += line
            else:
                time.sleep(0.3)  # well inside the loop (and its trace) or the blocking call
            p.send_signal(signal.SIGINT)
        if "pipe" in case:
            out = p.stdout.read(case["pipe"]) if case["pipe"] else b""
            p.stdout.close()
            err += p.stderr.read()
            p.wait(timeout=30)
        else:
            o, e = p.communicate(timeout=30)
            out, err = out + o, err + e
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        return None
    finally:
        if not held.closed:
            held.close()
    return p.returncode, out, err


def normalise(result, exe):
    if result is None:
        return None
    rc, out, err = result
    text = err.decode("utf-8", "replace").replace("usage: " + exe + " ", "usage: PYTHON ")
    return rc, out.decode("utf-8", "replace"), text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chaipy", required=True)
    ap.add_argument("--filter", default="")
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    chaipy = os.path.abspath(a.chaipy)
    python3 = shutil.which("python3")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and not k.startswith("CHAIPY")}
    failed = passed = 0
    for case in CASES:
        if a.filter not in case["name"]:
            continue
        with tempfile.TemporaryDirectory() as d:
            for rel, text in case.get("files", {}).items():
                os.makedirs(os.path.dirname(os.path.join(d, rel)), exist_ok=True)
                with open(os.path.join(d, rel), "w") as f:
                    f.write(text)
            cenv = dict(env, **case.get("env", {}))
            want = normalise(run([python3] + case["args"], case, d, cenv), python3)
            modes = JIT_MODES if case.get("modes", True) else {"default": []}
            for mode, extra in modes.items():
                got = normalise(run([chaipy] + extra + case["args"], case, d, cenv), chaipy)
                if got == want and want is not None:
                    passed += 1
                    if a.v:
                        print(f"ok   {case['name']} [{mode}]")
                    continue
                failed += 1
                print(f"FAIL {case['name']} [{mode}]: {case['args']}")
                print(f"  python3: {want!r}\n  chaipy:  {got!r}")
    print(f"cli_tests: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
