#!/usr/bin/env python3
"""The JIT explaining itself: --jit-log / -X jitlog lines and the source-line markers of
--dump-traces (docs/jit.md, "Reading --jit-log" and "Reading --dump-traces").

Each check runs a small program under chaipy with the log or dump on, in every JIT mode, and
compares its stdout and exit status with python3's (the log and the dump never change what the
program prints); then it looks at the log lines / the dump:

  log_events   a compiled root loop, a side trace linked to it, aborts with their reason and
               position, a blacklisted loop, a flush; nothing logged with --jit off
  log_file     --jit-log=FILE and -X jitlog=FILE write the same lines to FILE, stderr stays clean
  log_errors   an unwritable FILE is a usage error (status 2), as for --dump-traces
  dump_lines   the optimised IR and the machine code of --dump-traces carry ";; file:LINE (f)"
               markers for the lines of the loop body, and only those

Usage: jit_log_checks.py CHAIPY [-k NAME]
"""
import os
import re
import subprocess
import sys
import tempfile

MODES = {"off": ["--jit", "off"], "default": [], "threshold1": ["--jit", "threshold=1,hotexit=1"]}

# Line numbers matter below: f's loop is at line 3 and its rare branch (a side trace) at line 5;
# g's loop (line 13) raises in every iteration, which the recorder cannot trace.
PROGRAM = """def f(n):
    total = 0
    for i in range(n):
        if i % 3 == 0:
            total += i * 2
        else:
            total -= 1
    return total


def g(n):
    s = 0
    for i in range(n):
        try:
            raise ValueError(i)
        except ValueError as e:
            s += e.args[0]
    return s


print(f(3000))
print(g(300))
"""


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kw)


def same_as_python(chaipy, src, extra, mode):
    """The program's stdout and status under chaipy (with `extra` options) against python3's."""
    want = run([sys.executable, src])
    got = run([chaipy] + MODES[mode] + extra + [src])
    if (got.stdout, got.returncode) != (want.stdout, want.returncode):
        return got, f"{mode} {extra}: stdout {got.stdout!r} status {got.returncode}, python3 {want.stdout!r} {want.returncode}"
    return got, None


def check_log_events(chaipy, d, src):
    errors = []
    for mode in MODES:
        r, err = same_as_python(chaipy, src, ["--jit-log"], mode)
        if err:
            errors.append(err)
        lines = r.stderr.splitlines()
        if mode == "off":
            if lines:
                errors.append(f"--jit off logged {lines!r}")
            continue
        bad = [l for l in lines if not l.startswith("[TRACE ") or not l.endswith("]")]
        if bad:
            errors.append(f"{mode}: lines not in the [TRACE ...] form: {bad!r}")
        pos = re.escape(src)
        expect = [(rf"\[TRACE +1 {pos}:3 \(f\) loop\]$", "root loop trace of f"),
                  (rf"\[TRACE +\d+ \(1/\d+\) {pos}:\d+ \(f\) -> 1\]$", "side trace of trace 1 linked to it"),
                  (rf"\[TRACE --- {pos}:13 \(g\) -- .+ at {pos}:\d+ \(g\)\]$", "abort of g's loop with where it stopped"),
                  (rf"\[TRACE --- {pos}:13 \(g\) -- loop blacklisted after 2 aborts\]$", "g's loop blacklisted")]
        if mode == "threshold1":  # the default threshold leaves g's loop after two attempts
            r = run([chaipy, "--jit", "threshold=1,hotexit=1,penalty=2", "--jit-log", src])
            lines = r.stderr.splitlines()
        else:
            expect = expect[:3]
        for pattern, what in expect:
            if not any(re.match(pattern, l) for l in lines):
                errors.append(f"{mode}: no line for the {what} ({pattern}) in:\n" + "\n".join(lines))
    r = run([chaipy, "--jit", "threshold=1,hotexit=1,maxmem=1", "--jit-log", src])
    if not any(re.match(r"\[TRACE flush: \d+ KiB of traces \(maxmem\)\]$", l) for l in r.stderr.splitlines()):
        errors.append("maxmem=1: no flush line in:\n" + r.stderr)
    return errors


def check_log_file(chaipy, d, src):
    errors = []
    texts = []
    for opt in ("--jit-log=", "-Xjitlog="):
        path = os.path.join(d, "log.txt")
        r, err = same_as_python(chaipy, src, [opt + path], "threshold1")
        if err:
            errors.append(err)
        if r.stderr:
            errors.append(f"{opt}FILE wrote to stderr: {r.stderr!r}")
        texts.append(open(path).read() if os.path.exists(path) else "")
        if "[TRACE   1 " not in texts[-1]:
            errors.append(f"{opt}FILE: no trace 1 in {texts[-1]!r}")
    if texts[0] != texts[1]:
        errors.append(f"--jit-log=FILE and -X jitlog=FILE differ:\n{texts[0]}\n{texts[1]}")
    r = run([chaipy, "-X", "jitlog", "--jit", "threshold=1", src])
    if "[TRACE   1 " not in r.stderr:
        errors.append(f"-X jitlog does not log to stderr: {r.stderr!r}")
    return errors


def check_log_errors(chaipy, d, src):
    errors = []
    for opt in ("--jit-log=", "-Xjitlog="):
        r = run([chaipy, opt + os.path.join(d, "no", "such"), "-c", "pass"])
        if r.returncode != 2 or "cannot open" not in r.stderr or "usage:" not in r.stderr:
            errors.append(f"{opt}: status {r.returncode}, stderr {r.stderr!r}")
    return errors


def sections(text, trace_id):
    """{section title: body} of one trace of a --dump-traces file."""
    m = re.search(rf"^---- TRACE {trace_id}:.*?^---- END TRACE {trace_id}$", text, re.M | re.S)
    out = {}
    if not m:
        return out
    title = None
    for line in m.group(0).splitlines()[1:-1]:
        if line.startswith("-- "):
            title = line[3:]
            out[title] = []
        elif title:
            out[title].append(line)
    return out


def check_dump_lines(chaipy, d, src):
    errors = []
    dump = os.path.join(d, "dump.txt")
    for mode in ("default", "threshold1"):
        _, err = same_as_python(chaipy, src, ["--dump-traces=" + dump], mode)
        if err:
            errors.append(err)
        secs = sections(open(dump).read(), 1)
        ir = next((v for k, v in secs.items() if k == "IR optimised"), None)
        asm = next((v for k, v in secs.items() if k.startswith("machine code")), None)
        if ir is None or asm is None:
            errors.append(f"{mode}: trace 1 has no optimised IR or machine code section: {list(secs)}")
            continue
        for name, body in (("IR optimised", ir), ("machine code", asm)):
            marks = [l for l in body if l.startswith(";; ")]
            lines = set()
            for l in marks:
                m = re.fullmatch(rf";; {re.escape(src)}:(\d+) \(f\)", l)
                if not m:
                    errors.append(f"{mode} {name}: malformed marker {l!r}")
                    continue
                lines.add(int(m.group(1)))
            # The loop header (3), the test (4) and the common branch (7) are in trace 1; the
            # rare branch (5) is its side trace's; nothing outside the loop.
            if not {3, 4, 7} <= lines or not lines <= {2, 3, 4, 5, 6, 7}:
                errors.append(f"{mode} {name}: marked lines {sorted(lines)}, want 3, 4, 7 (within 2-7)")
            if body and not body[0].startswith(";; ") and name == "IR optimised":
                errors.append(f"{mode} {name}: the listing does not start with a marker: {body[0]!r}")
            # Every marker is followed by an instruction, not by another marker or a label.
            for i, l in enumerate(body):
                if l.startswith(";; ") and (i + 1 == len(body) or body[i + 1].startswith((";; ", "->", "#"))):
                    errors.append(f"{mode} {name}: marker {l!r} without an instruction after it")
        marks = [l for l in secs.get("IR as recorded", []) if l.startswith(";; ")]
        if not marks:
            errors.append(f"{mode}: the IR as recorded has no line markers")
    return errors


CHECKS = {"log_events": check_log_events, "log_file": check_log_file, "log_errors": check_log_errors,
          "dump_lines": check_dump_lines}


def main():
    chaipy = sys.argv[1]
    only = sys.argv[sys.argv.index("-k") + 1] if "-k" in sys.argv else None
    failed = n = 0
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "prog.py")
        with open(src, "w") as f:
            f.write(PROGRAM)
        for name, check in CHECKS.items():
            if only and only not in name:
                continue
            n += 1
            errors = check(chaipy, d, src)
            if errors:
                failed += 1
                print(f"FAIL {name}\n" + "\n".join(errors) + "\n")
            else:
                print(f"ok   {name}")
    print(f"{n - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
