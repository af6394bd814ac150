#!/usr/bin/env python3
"""Compile every .py file of CPython's standard library with chaipy's compile().

Runs under python3 (the oracle): each file that python3 compiles must compile under chaipy too.
The source is decoded by python3 (PEP 263) and fed to one chaipy process per file on stdin, so a
crash or hang in one file is reported against that file. Excluded: test/ and lib2to3/tests
(deliberately broken sources; --tests includes test/), site-packages / dist-packages.

    python3 scripts/compile_stdlib.py --chaipy build/chaipy [--jobs 2] [--lib /usr/lib/python3.11] [--tests] [-v]

Prints the failures (file, chaipy's error) and a summary; exits 1 when any file python3
compiles fails under chaipy.
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys
import tokenize

EXCLUDE_DIRS = {"test", "site-packages", "dist-packages", "__pycache__"}
EXCLUDE_PATHS = {os.path.join("lib2to3", "tests")}
PROGRAM = "import sys\ncompile(sys.stdin.read(), sys.argv[1], 'exec')\n"


def stdlib_files(lib, tests):
    excluded = EXCLUDE_DIRS - {"test"} if tests else EXCLUDE_DIRS
    for root, dirs, files in os.walk(lib):
        rel = os.path.relpath(root, lib)
        dirs[:] = sorted(d for d in dirs if d not in excluded and os.path.normpath(os.path.join(rel, d)) not in EXCLUDE_PATHS)
        for f in sorted(files):
            if f.endswith(".py"):
                yield os.path.join(root, f)


def source_of(path):
    with tokenize.open(path) as f:  # PEP 263 decoding, as the import system does
        return f.read()


def check(chaipy, path):
    try:
        src = source_of(path)
    except (SyntaxError, UnicodeDecodeError) as e:
        return path, "skip", f"python3 cannot decode it: {e}"
    try:
        compile(src, path, "exec")
    except SyntaxError:
        return path, "skip", "python3 rejects it too"
    try:
        p = subprocess.run([chaipy, "--jit", "off", "-c", PROGRAM, path], input=src.encode("utf-8"),
                           capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return path, "fail", "timeout"
    if p.returncode == 0:
        return path, "ok", ""
    err = p.stderr.decode("utf-8", "replace").strip().splitlines()
    return path, "fail", err[-1] if err else f"exit status {p.returncode}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chaipy", default="build/chaipy")
    ap.add_argument("--lib", default="/usr/lib/python3.11")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--tests", action="store_true", help="also the regression tests under test/")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    files = list(stdlib_files(args.lib, args.tests))
    counts = {"ok": 0, "fail": 0, "skip": 0}
    failures = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for path, status, why in pool.map(lambda p: check(args.chaipy, p), files):
            counts[status] += 1
            if status == "fail":
                failures.append((path, why))
            if args.verbose and status != "ok":
                print(f"{status}: {path}: {why}")
    for path, why in failures:
        print(f"FAIL {os.path.relpath(path, args.lib)}: {why}")
    compiled = counts["ok"] + counts["fail"]
    print(f"{counts['ok']}/{compiled} files that python3 compiles also compile under chaipy "
          f"({counts['skip']} skipped: python3 rejects or cannot decode them)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
