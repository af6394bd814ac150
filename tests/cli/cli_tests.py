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
    # -- Options ------------------------------------------------------------------------------------
    dict(name="c_without_argument", modes=False, args=["-c"]),
    dict(name="m_without_argument", modes=False, args=["-m"]),
    dict(name="X_without_argument", modes=False, args=["-X"]),
    dict(name="W_without_argument", modes=False, args=["-W"]),
    dict(name="unknown_short", modes=False, args=["-Z"]),
    dict(name="unknown_in_group", modes=False, args=["-BZ", "-c", "pass"]),
    dict(name="unknown_long", modes=False, args=["--foo"]),
    dict(name="unknown_long_value", modes=False, args=["--help=3"]),
    dict(name="combined_Bc", modes=False, args=["-Bc", "import sys; print(sys.flags.dont_write_bytecode, sys.argv)"]),
    dict(name="combined_uc_attached", modes=False, args=["-uccode=1; print(code)"]),
    dict(name="combined_group_c_last", modes=False, args=["-Bc"]),
    dict(name="double_dash", modes=False, args=["--", "s.py", "-x", "--y"], files={"s.py": "import sys; print(sys.argv)"}),
    dict(name="args_after_c", modes=False, args=["-c", "import sys; print(sys.argv)", "-B", "--", "x"]),
    dict(name="flags_b_d_v_s_S_q", modes=False, args=["-b", "-bb", "-d", "-s", "-S", "-q", "-c",
         "import sys; f = sys.flags; print(f.bytes_warning, f.debug, f.no_user_site, f.no_site, f.quiet)"]),
    dict(name="flag_i_in_flags", modes=False, args=["-i", "-c", "import sys; print(sys.flags.inspect, sys.flags.interactive)"]),
    dict(name="flag_I", modes=False, args=["-I", "-c", "import sys; f = sys.flags; print(f.isolated, f.ignore_environment, f.no_user_site, f.safe_path, sys.path[0] != '')"]),
    dict(name="flag_E", modes=False, env={"PYTHONSAFEPATH": "1"}, args=["-E", "-c", "import sys; print(sys.flags.ignore_environment, sys.flags.safe_path, sys.path[0])"]),
    dict(name="flag_P", modes=False, args=["-P", "-c", "import sys; print(sys.flags.safe_path, sys.path[0] != '')"]),
    dict(name="PYTHONSAFEPATH_script", modes=False, env={"PYTHONSAFEPATH": "1"}, args=["s.py"],
         files={"s.py": "import sys; print(sys.flags.safe_path, __file__.rsplit('/', 1)[0] in sys.path)"}),
    dict(name="flag_W_and_PYTHONWARNINGS", modes=False, env={"PYTHONWARNINGS": "error::DeprecationWarning,ignore::UserWarning"},
         args=["-W", "ignore", "-Wdefault::RuntimeWarning", "-c", "import sys; print(sys.warnoptions)"]),
    dict(name="flag_X", modes=False, args=["-X", "dev", "-X", "foo=1", "-Xbar", "-W", "error", "-c",
         "import sys; print(sorted(sys._xoptions.items()), sys.warnoptions, sys.flags.dev_mode)"]),
    dict(name="X_utf8", modes=False, args=["-X", "utf8", "-c", "import sys; print(sys.flags.utf8_mode)"]),
    dict(name="X_int_max_str_digits", modes=False, args=["-X", "int_max_str_digits=1000", "-c",
         "import sys; print(sys.flags.int_max_str_digits, sys.get_int_max_str_digits()); int('1' * 1000); int('1' * 1001)"]),
    dict(name="PYTHONINTMAXSTRDIGITS", modes=False, env={"PYTHONINTMAXSTRDIGITS": "700"}, args=["-c",
         "import sys; print(sys.flags.int_max_str_digits, sys.get_int_max_str_digits()); print(len(str(eval('1' * 701))))"]),
    dict(name="PYTHONINTMAXSTRDIGITS_and_X", modes=False, env={"PYTHONINTMAXSTRDIGITS": "700"},
         args=["-X", "int_max_str_digits=0", "-c", "import sys; print(sys.flags.int_max_str_digits, len(str(10 ** 5000)))"]),
    dict(name="PYTHONINTMAXSTRDIGITS_E", modes=False, env={"PYTHONINTMAXSTRDIGITS": "700"},
         args=["-E", "-c", "import sys; print(sys.flags.int_max_str_digits, sys.get_int_max_str_digits())"]),
    dict(name="PYTHONINTMAXSTRDIGITS_bad", modes=False, env={"PYTHONINTMAXSTRDIGITS": "639"}, args=["-c", "pass"]),
    dict(name="X_int_max_str_digits_bad", modes=False, args=["-X", "int_max_str_digits=5", "-c", "pass"]),
    dict(name="flag_x", modes=False, args=["-x", "x.py"], files={"x.py": "this is not python\nimport sys\nraise ValueError('line 3')\n"}),
    dict(name="directory_main", modes=False, args=["app", "a1"],
         files={"app/__main__.py": "import sys\nimport helper\nprint(__file__.rsplit('/', 2)[1:], sys.argv, sys.path[0].rsplit('/', 1)[1], __name__, helper.X)\n",
                "app/helper.py": "X = 'helper'\n"}),
    dict(name="directory_without_main", modes=False, args=["empty"], files={"empty/x.py": ""}),
    dict(name="missing_script", modes=False, args=["nonexistent.py"]),
    dict(name="m_missing", modes=False, args=["-m", "nonexistent_mod_xyz"]),
    dict(name="m_missing_parent", modes=False, args=["-m", "nonexistent_pkg_xyz.sub"]),
    dict(name="check_hash_based_pycs_bad", modes=False, args=["--check-hash-based-pycs", "sometimes", "-c", "pass"]),
    dict(name="check_hash_based_pycs", modes=False, args=["--check-hash-based-pycs", "always", "-c", "print('ok')"]),
    dict(name="PYTHONINSPECT_pipe", modes=False, env={"PYTHONINSPECT": "1"}, stdin=b"x * 2\n", args=["-c", "x = 21"]),
    dict(name="unbuffered_u", modes=False, args=["-u", "-c", "import sys; print(sys.stdout.write_through)"]),
    dict(name="stdin_program", modes=False, stdin=b"import sys\nprint('from stdin', sys.argv)\n", args=["-", "a"]),
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
    text = err.decode("utf-8", "replace").replace(exe, "PYTHON")
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
