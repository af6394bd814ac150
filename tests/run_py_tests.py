#!/usr/bin/env python3
"""Run the Python test corpus under python3 (the oracle) and under chaipy in several modes.

For every test program, stdout, the exit status and the last non-empty line of stderr
of each chaipy run must equal those of the python3 run.  A test may carry a first-line
header such as ``# chaipy-test: timeout=120 max-rss-mb=150``; ``rlimit-as-mb=N`` runs both
interpreters under that address-space limit (``ulimit -v``); ``stderr=full`` compares the
whole stderr (e.g. the complete traceback of an uncaught exception) instead of its last line.
On a failure the runner prints the mode, the problems and a unified diff (python3 vs chaipy).

Usage: run_py_tests.py --chaipy PATH [--jobs N] [--modes off,default] [--filter S] [-v] PATHS...
"""
import argparse
import difflib
import os
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

# Mode name -> (extra chaipy arguments placed before the test file, number of runs, the tests it
# applies to: a tuple of path substrings or None for all).  Only the last run is compared; earlier runs are
# warm-ups.  "warm_pycache" runs each multi-module program twice so that the compared run loads
# every import from __pycache__ (the standard library's from the per-user cache root).  "threshold1" traces every loop at its first back-edge and bridges
# every guard at its first exit; "jit_limits" does the same for tests/py/jit with the trace-tree
# limits so small that they act (flushes, full trees, exits given up).  One line per mode.
MODES = {
    "off": (["--jit", "off"], 1, None),
    "default": ([], 1, None),
    "threshold1": (["--jit", "threshold=1,hotexit=1"], 1, None),
    "warm_pycache": ([], 2, (os.sep + "imports" + os.sep, os.sep + "stdlib" + os.sep)),
    "jit_limits": (["--jit", "threshold=1,hotexit=1,maxmem=48,maxside=4,tryside=1"], 1, (os.sep + "jit" + os.sep,)),
}
DEFAULT_TIMEOUT = 60.0
DIFF_LINES = 40  # lines of unified diff printed per differing stream
# chaipy places traceback carets like CPython 3.11.7; with an older oracle, stderr=full ignores them.
CARET_ORACLE = sys.version_info >= (3, 11, 7)


class Result:
    def __init__(self, status, stdout, stderr, maxrss_kb, timed_out):
        self.status, self.stdout, self.stderr = status, stdout, stderr
        self.maxrss_kb, self.timed_out = maxrss_kb, timed_out

    def last_err_line(self):
        lines = [l for l in self.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
        return lines[-1] if lines else ""

    def full_err(self):
        err = self.stderr.decode("utf-8", "replace")
        if not CARET_ORACLE:
            err = "\n".join(l for l in err.split("\n") if not (l.strip() and set(l.strip()) <= set("~^")))
        return err


def collect(paths):
    """All *.py files under paths, skipping helper directories (``_support``, ``_*``)."""
    found = []
    for p in paths:
        if os.path.isfile(p):
            found.append(os.path.abspath(p))
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("_") and d != "__pycache__")
            found.extend(os.path.abspath(os.path.join(root, f)) for f in sorted(files) if f.endswith(".py"))
    return sorted(set(found))


def parse_header(path):
    opts = {}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            first = f.readline()
    except OSError:
        return opts
    tag = "# chaipy-test:"
    if first.startswith(tag):
        for item in first[len(tag):].replace(",", " ").split():
            if "=" in item:
                k, v = item.split("=", 1)
                opts[k.strip()] = v.strip()
    return opts


def address_space_limit(mb):
    """preexec_fn applying `ulimit -v` (RLIMIT_AS) of mb megabytes in the child."""
    if not mb:
        return None
    import resource
    limit = int(mb) * 1024 * 1024
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run(argv, test, timeout, rlimit_as_mb=None):
    """Run argv with cwd = the test's directory; returns a Result (with the child's peak RSS)."""
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    stdin_path = os.path.splitext(test)[0] + ".stdin"
    stdin = open(stdin_path, "rb") if os.path.exists(stdin_path) else open(os.devnull, "rb")
    with stdin, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, cwd=os.path.dirname(test), env=env, stdin=stdin, stdout=out,
                                stderr=err, start_new_session=True,
                                preexec_fn=address_space_limit(rlimit_as_mb))
        pid = proc.pid
        state = {"done": False, "killed": False}
        lock = threading.Lock()

        def kill():
            with lock:
                if not state["done"]:
                    state["killed"] = True
                    try:
                        os.killpg(pid, signal.SIGKILL)
                    except OSError:
                        pass
        timer = threading.Timer(timeout, kill)
        timer.start()
        _, wstatus, ru = os.wait4(pid, 0)
        with lock:
            state["done"] = True
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(wstatus)  # reaped by wait4 (for ru_maxrss)
        out.seek(0)
        err.seek(0)
        return Result(proc.returncode, out.read(), err.read(), ru.ru_maxrss, state["killed"])


def first_diff(exp, got):
    e, g = exp.splitlines(), got.splitlines()
    for i in range(max(len(e), len(g))):
        a = e[i] if i < len(e) else "<end of output>"
        b = g[i] if i < len(g) else "<end of output>"
        if a != b:
            return "line %d: expected %r got %r" % (i + 1, a[:200], b[:200])
    return "trailing newline / whitespace differs"


def unified(name, exp, got):
    """The first DIFF_LINES lines of a unified diff of two texts, indented for the report."""
    lines = list(difflib.unified_diff(exp.splitlines(), got.splitlines(), "python3 " + name,
                                      "chaipy " + name, lineterm="", n=2))
    if len(lines) > DIFF_LINES:
        lines = lines[:DIFF_LINES] + ["... (%d more diff lines)" % (len(lines) - DIFF_LINES)]
    return "\n".join("    " + l for l in lines)


def compare(oracle, res, opts):
    """Return (problem descriptions, diff text); both empty when the run matches the oracle."""
    probs, diffs = [], []
    if oracle.timed_out:
        return ["python3 timed out (test is broken)"], ""
    if res.timed_out:
        return ["timed out after %ss" % opts.get("timeout", DEFAULT_TIMEOUT)], ""
    if res.stdout != oracle.stdout:
        exp, got = oracle.stdout.decode("utf-8", "replace"), res.stdout.decode("utf-8", "replace")
        probs.append("stdout " + first_diff(exp, got))
        diffs.append(unified("stdout", exp, got))
    if res.status != oracle.status:
        probs.append("exit status: expected %d got %d" % (oracle.status, res.status))
    if opts.get("stderr") == "full":
        if res.full_err() != oracle.full_err():
            probs.append("stderr " + first_diff(oracle.full_err(), res.full_err()))
            diffs.append(unified("stderr", oracle.full_err(), res.full_err()))
    elif res.last_err_line() != oracle.last_err_line():
        probs.append("stderr last line: expected %r got %r" % (oracle.last_err_line()[:200],
                                                                 res.last_err_line()[:200]))
        diffs.append(unified("stderr", oracle.stderr.decode("utf-8", "replace"),
                             res.stderr.decode("utf-8", "replace")))
    if "max-rss-mb" in opts and not os.environ.get("CHAIPY_TEST_NO_RSS"):  # sanitizer builds
        limit = float(opts["max-rss-mb"])
        if res.maxrss_kb / 1024.0 > limit:
            probs.append("peak RSS %.1f MB exceeds max-rss-mb=%g" % (res.maxrss_kb / 1024.0, limit))
    return probs, "\n".join(diffs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chaipy", help="path to the chaipy executable")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--modes", default=",".join(MODES), help="comma-separated (default: %(default)s)")
    ap.add_argument("--filter", default=None, help="only tests whose path contains this substring")
    ap.add_argument("--list-modes", action="store_true", help="print the modes and exit")
    ap.add_argument("--rlimit-as-mb", type=int, default=None,
                    help="run every test (python3 and chaipy) under this address-space limit (ulimit -v)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("paths", nargs="*", help="test files or directories")
    args = ap.parse_args()
    if args.list_modes:
        for name, (extra, runs, only) in MODES.items():
            print("%-12s chaipy %s%s%s" % (name, " ".join(extra + ["FILE"]), "  (x%d)" % runs if runs > 1 else "",
                                           "  [tests under %s]" % " or ".join(only) if only else ""))
        return 0
    if not args.chaipy:
        ap.error("--chaipy is required")
    chaipy = os.path.abspath(args.chaipy)
    modes = [m for m in args.modes.split(",") if m]
    for m in modes:
        if m not in MODES:
            ap.error("unknown mode %r (known: %s)" % (m, ", ".join(MODES)))
    paths = args.paths or [os.path.join(os.path.dirname(os.path.abspath(__file__)), "py")]
    tests = [t for t in collect(paths) if args.filter is None or args.filter in t]
    if not tests:
        print("no tests found", file=sys.stderr)
        return 1
    headers = {t: parse_header(t) for t in tests}
    # A private per-user cache root for this run (the standard library's bytecode goes there):
    # runs see only caches written by this chaipy, not by other builds sharing ~/.cache.
    cache_home = tempfile.TemporaryDirectory(prefix="chaipy-test-cache-")
    os.environ["XDG_CACHE_HOME"] = cache_home.name
    oracle_cache, oracle_locks = {}, {t: threading.Lock() for t in tests}

    def oracle(t):
        with oracle_locks[t]:
            if t not in oracle_cache:
                to = float(headers[t].get("timeout", DEFAULT_TIMEOUT))
                oracle_cache[t] = run([sys.executable, t], t, to, rlimit(t))
            return oracle_cache[t]

    def rlimit(t):
        return headers[t].get("rlimit-as-mb") or args.rlimit_as_mb

    def job(t, mode):
        # Emulated builds (scripts/test-a64.sh runs chaipy under qemu) scale chaipy's time limits.
        to = float(headers[t].get("timeout", DEFAULT_TIMEOUT)) * float(os.environ.get("CHAIPY_TEST_TIMEOUT_SCALE", "1"))
        extra, runs, _ = MODES[mode]
        for _ in range(runs):
            res = run([chaipy] + extra + [t], t, to, rlimit(t))
            if res.timed_out:
                break
        return compare(oracle(t), res, headers[t])

    def rel(t):
        try:
            return os.path.relpath(t)
        except ValueError:
            return t

    pairs = [(t, m) for t in tests for m in modes if MODES[m][2] is None or any(s in t for s in MODES[m][2])]
    total = len(pairs)
    passed = failed = done = 0
    tty = sys.stdout.isatty()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futs = {pool.submit(job, t, m): (t, m) for t, m in pairs}
        for fut in as_completed(futs):
            t, m = futs[fut]
            done += 1
            diff = ""
            try:
                probs, diff = fut.result()
            except Exception as e:  # a runner bug must not hide the other results
                probs = ["runner error: %r" % (e,)]
            if tty:
                sys.stdout.write("\r\033[K")
            if probs:
                failed += 1
                print("FAIL [%s] %s: %s" % (m, rel(t), "; ".join(probs)))
                if diff:
                    print("  chaipy %s%s:" % (" ".join(MODES[m][0] + ["FILE"]),
                                              " (x%d)" % MODES[m][1] if MODES[m][1] > 1 else ""))
                    print(diff)
            else:
                passed += 1
                if args.verbose:
                    print("ok   [%s] %s" % (m, rel(t)))
            if tty:
                sys.stdout.write("[%d/%d] %d failed" % (done, total, failed))
            elif done % 200 == 0 or done == total:
                print("progress: %d/%d done, %d failed" % (done, total, failed))
            sys.stdout.flush()
    if tty:
        sys.stdout.write("\r\033[K")
    print("%d passed, %d failed" % (passed, failed))
    cache_home.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
