#!/usr/bin/env python3
"""Compare the COMPLETE stderr of every tests/py/tracebacks/*.py under python3 and chaipy.

The corpus runner only compares the last stderr line; this driver checks traceback text byte for
byte (carets, chained exceptions, suggestions).  Absolute paths of the test directory are made
relative the same way for both interpreters.

A test whose second line reads ``# tracebacks-full: xfail REASON`` documents a known difference
owned elsewhere: it is reported as XFAIL (not a failure) while it differs, and as XPASS (a failure,
so that the marker gets removed) once it matches.

chaipy follows the caret placement of CPython 3.11.7 (3.11 releases before it placed the
``~``/``^`` anchors of some parenthesised operands differently).  Against an older 3.11 oracle
the caret-only lines are left out of the comparison, and the run says so; everything else is
still compared byte for byte.

Usage: tracebacks_full.py CHAIPY [-v] [NAME_SUBSTRING...]
"""
import difflib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CARET_ORACLE = sys.version_info >= (3, 11, 7)


def strip_carets(err):
    """Drops lines made only of caret/anchor characters (see the module docstring)."""
    return "\n".join(l for l in err.split("\n") if not (l.strip() and set(l.strip()) <= set("~^")))
TB_DIR = os.path.join(HERE, "py", "tracebacks")


def run(argv, test_dir):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    p = subprocess.run(argv, cwd=test_dir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    err = p.stderr.decode("utf-8", "replace")
    for d in (test_dir, os.path.realpath(test_dir)):
        err = err.replace(d + os.sep, "")
    if not CARET_ORACLE:
        err = strip_carets(err)
    return p.returncode, p.stdout, err


def xfail_reason(path):
    with open(path, encoding="utf-8") as f:
        for line in f.readlines()[:3]:
            if line.startswith("# tracebacks-full: xfail"):
                return line.split("xfail", 1)[1].strip()
    return None


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv[1:]
    if not args:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    chaipy, filters = os.path.abspath(args[0]), args[1:]
    tests = sorted(f for f in os.listdir(TB_DIR) if f.endswith(".py"))
    if filters:
        tests = [t for t in tests if any(s in t for s in filters)]
    passed = failed = xfailed = 0
    if not CARET_ORACLE:
        print("note: python3 is %d.%d.%d, older than 3.11.7: caret lines are not compared" % sys.version_info[:3])
    for name in tests:
        expected = run([sys.executable, name], TB_DIR)
        got = run([chaipy, name], TB_DIR)
        reason = xfail_reason(os.path.join(TB_DIR, name))
        if expected == got:
            if reason is not None:
                failed += 1
                print("XPASS", name, "(remove its xfail marker)")
                continue
            passed += 1
            if verbose:
                print("PASS", name)
            continue
        if reason is not None:
            xfailed += 1
            print("XFAIL", name, "-", reason)
            if not verbose:
                continue
        else:
            failed += 1
            print("FAIL", name)
        if expected[0] != got[0]:
            print("  exit status: expected %d got %d" % (expected[0], got[0]))
        if expected[1] != got[1]:
            print("  stdout differs")
        if expected[2] != got[2]:
            for line in difflib.unified_diff(expected[2].splitlines(), got[2].splitlines(), "python3", "chaipy",
                                             lineterm="", n=2):
                print("  " + line)
    print("%d passed, %d failed" % (passed, failed) + (", %d expected failures" % xfailed if xfailed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
