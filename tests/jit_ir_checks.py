#!/usr/bin/env python3
"""Recorder tests: which IR ops a snippet's trace contains or lacks.

Each case runs a small program under `chaipy --jit threshold=1 --dump-traces=FILE`, checks that
its output equals python3's, and then looks at the optimised IR of the trace(s) whose loop
starts at the line marked `# TRACE` (or every trace when no line is marked):

  want      ops (or helper names of calls) that must appear in the loop body (after LOOP; the
            whole trace if it has none)
  lack      ops that must not appear in the loop body
  pre       ops that must appear before LOOP (hoisted out of the loop)
  abort     a substring of an abort reason that must be reported
  no_abort  a substring that no abort reason may contain
  stats     {counter: minimum} from --jit-stats
  most      {counter: maximum} from --jit-stats (trace-tree bounds)
  jit       the --jit parameters (default "threshold=1,hotexit=1")

Usage: jit_ir_checks.py CHAIPY [-k NAME]
"""
import os
import re
import subprocess
import sys
import tempfile

CASES = [
    dict(name="int_while_loop", src="""
def f(n):
    s = 0
    i = 0
    while i < n:  # TRACE
        s += i * 3
        i += 1
    return s
print(f(1000))
""", want=["ADDOV", "MULOV", "PHI", "JLOOP", "GUARD_TRUE"], lack=["SLOAD", "BOX_INT", "UNBOX_INT", "CALL"],
         pre=["SLOAD", "UNBOX_INT"]),
    dict(name="float_accumulator_unboxed", src="""
def f(n):
    x = 0.5
    s = 0.0
    for i in range(n):  # TRACE
        x = x * 0.999 + 0.25
        s += x * x
    return s
print(f(1000))
""", want=["FMUL", "FADD", "PHI"], lack=["BOX_DBL", "UNBOX_DBL", "SLOAD", "CALL"]),
    dict(name="range_iterator_is_a_counter", src="""
def f(n):
    t = 0
    for i in range(n):  # TRACE
        t ^= i
    return t
print(f(500))
""", want=["BXOR", "GT"], lack=["CALL", "CALLG"]),
    dict(name="list_index_bounds_checked", src="""
def f(xs):
    s = 0
    for i in range(len(xs)):  # TRACE
        s += xs[i]
    return s
print(f(list(range(300))))
""", want=["ULT", "AREF", "LOAD"], lack=["CALL"]),
    dict(name="list_store", src="""
def f(n):
    xs = [0] * n
    for i in range(n):  # TRACE
        xs[i] = i * 2
    return sum(xs)
print(f(300))
""", want=["STORE", "BOX_INT", "ULT"], lack=["CALL"]),
    dict(name="attribute_via_shape", src="""
class P:
    def __init__(self):
        self.x = 1.0
        self.y = 2.0
def f(p, n):
    for i in range(n):  # TRACE
        p.x = p.x + p.y
    return p.x
print(f(P(), 300))
""", want=["STORE", "FADD"], pre=["GUARD_VAL"], lack=["CALL"]),
    dict(name="inlined_function_and_closure", src="""
def make(k):
    return lambda v: v * k
def sq(v):
    return v * v
def f(n):
    g = make(3)
    s = 0
    for i in range(n):  # TRACE
        s += sq(i) + g(i)
    return s
print(f(400))
""", want=["MULOV"], lack=["CALL"]),
    dict(name="math_sqrt_is_an_op", src="""
import math
def f(n):
    s = 0.0
    for i in range(n):  # TRACE
        s += math.sqrt(i)
    return s
print(f(400))
""", want=["FSQRT", "CONV_I2D"], lack=["CALLG"]),
    dict(name="global_guard_hoisted", src="""
K = 7
def f(n):
    s = 0
    for i in range(n):  # TRACE
        s += K
    return s
print(f(400))
""", pre=["EQ"], lack=["SLOAD"]),
    dict(name="is_none_test", src="""
def f(xs):
    c = 0
    for x in xs:  # TRACE
        if x is None:
            c += 1
    return c
print(f([None, 1] * 200))
""", want=["EQ|GUARD_VAL|GUARD_NOTVAL"]),
    dict(name="builtins_min_max_abs", src="""
def f(n):
    s = 0
    for i in range(n):  # TRACE
        s += abs(i - 50) + min(i, 30) + max(i, 10)
    return s
print(f(400))
""", lack=["CALL", "CALLG"]),
    dict(name="unsupported_bytecode_aborts", src="""
def f(n):
    s = 0
    for i in range(n):
        d = {i: i}
        s += d[i]
    return s
print(f(400))
""", abort="unsupported bytecode", stats={"aborts": 1}),
    dict(name="enumerate_zip_build_no_tuples", src="""
def f(a, b):
    s = 0
    for i, x in enumerate(a):  # TRACE
        s += i * x
    for x, y in zip(a, b):
        s += x - y
    return s
print(f(list(range(500)), list(range(600))))
""", want=["MULOV", "ADDOV"], lack=["CALL", "CALLG", "SLOAD"]),
    dict(name="branch_grows_a_side_trace", src="""
def f(n):
    a = b = 0
    for i in range(n):
        if i < 300:
            a += i
        else:
            b += i
    return a, b
print(f(1000))
""", stats={"traces compiled": 1, "side traces": 1, "exits taken": 1}),
    dict(name="nested_loops_link", src="""
def f(n):
    s = 0
    for i in range(n):
        for j in range(n):
            s += i * j
    return s
print(f(60))
""", stats={"traces compiled": 1, "side traces": 1}),
    dict(name="loop_in_inlined_call_hands_over", src="""
def inner(xs, k):
    s = 0
    for x in xs:
        s += x * k
    return s
def f(n):
    xs = list(range(10))
    t = 0
    for k in range(n):  # TRACE
        t += inner(xs, k)
    return t
print(f(300))
""", want=["EXIT"], lack=["JLOOP"], stats={"traces compiled": 2, "side traces": 1}),
    dict(name="recursion_calls_the_function_trace", src="""
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print(fib(20), fib(15))
""", want=["RET", "call_trace", "call_frame"], lack=["JLOOP", "LINK"], stats={"traces compiled": 1, "side traces": 1}),
    dict(name="fresh_closure_guarded_by_code", src="""
def apply_all(items, fn):
    s = 0
    for x in items:  # TRACE
        s += fn(x)
    return s
def make(k):
    def fn(x):
        return x * k + 1
    return fn
t = 0
for i in range(300):
    t += apply_all([1, 2, 3, 4, 5, 6, 7, 8], make(i % 7))
print(t)
""", want=["MULOV"], most={"side traces": 4, "traces compiled": 4}),
    dict(name="bound_method_made_and_called", src="""
class Acc:
    def __init__(self):
        self.t = 0
    def add(self, x):
        self.t += x
def each(xs, fn):
    for x in xs:
        fn(x)
accs = [Acc(), Acc(), Acc()]
xs = list(range(10))
for i in range(300):  # TRACE
    each(xs, accs[i % 3].add)
print([a.t for a in accs])
""", want=["method_new"], no_abort="call of method", most={"side traces": 4}),
    dict(name="globals_written_by_the_caller_read_in_place", src="""
K = 3
def d(n):
    if n == 0:
        return K
    return d(n - 1) + 1
t = 0
for i in range(300):
    t += d(50)
print(t)
""", jit="on", most={"side traces": 4}),
    dict(name="float_pow_zero_base_no_chain", src="""
def dist(a, b):
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
s = 0.0
for i in range(600):
    s += dist((float(i % 3), 1.0), (1.0, float(i % 2)))
print(s)
""", want=["float_pow"], most={"side traces": 4}),
    dict(name="list_times_int", src="""
rows = []
for i in range(300):  # TRACE
    rows.append([0] * (i % 5))
print(sum(len(r) for r in rows))
""", want=["seq_repeat"], no_abort="list * int"),
    dict(name="str_equality", src="""
words = ["a", "bb", "a", "c"]
n = 0
for i in range(300):  # TRACE
    if words[i % 4] == "a":
        n += 1
print(n)
""", want=["str_eq"], no_abort="compare str str"),
    dict(name="exhausted_enumerate_zip_inner_loops", src="""
pts = [(1, 2), (3, 4), (5, 6)]
rows = [[1, 2], [3, 4], [5, 6], [7, 8]]
acc = 0
for i in range(300):
    for (a, b), r in zip(pts, rows):
        acc += a * b + r[0]
    for k, x in enumerate(rows[i % 3:]):
        acc += k * x[1]
print(acc)
""", no_abort="exhausted", stats={"traces compiled": 2}),
    dict(name="slice_load_and_star_unpack", src="""
data = list(range(30))
s = "abcdefghij"
acc = 0
for i in range(300):  # TRACE
    head, *rest = data[i % 7:i % 7 + 5]
    acc += head + len(rest) + len(s[i % 4:]) + len(data[:-(i % 5)])
print(acc)
""", want=["seq_slice", "list_slice"], no_abort="BUILD_SLICE"),
    dict(name="enumerate_zip_made_in_loop", src="""
a = [1, 2, 3]
b = (4, 5, 6, 7)
its = []
for i in range(300):  # TRACE
    its.append(zip(a, b))
    its.append(enumerate(b, i))
    its.append(enumerate(range(i)))
print(sum(x * y for it in its for x, y in it))
""", want=["iter_new"], no_abort="call of type"),
    dict(name="big_int_arithmetic", src="""
M = (1 << 89) - 1
s = 10 ** 30
acc = 0
for i in range(300):  # TRACE
    s = (s * 1103515245 + 12345) % M
    acc ^= ~s + -(s >> 40) + (i << 70)
print(s, acc)
""", want=["int_binop"], no_abort="int * int"),
    dict(name="big_int_with_float", src="""
s = 42
acc = 0.0
for i in range(300):  # TRACE
    s = (s * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
    acc += (s >> 11) / 9007199254740992.0 + 0.5 * (s - (1 << 63)) - s * 1e-3
print(s, acc)
""", want=["int_float", "int_binop"], no_abort="int / float"),
    dict(name="return_from_entry_frame_side_trace", src="""
DATA = [(j * 7919) % 101 for j in range(40)]
def first_over(xs, limit):
    for i, v in enumerate(xs):  # TRACE
        if v > limit:
            return i
    return -1
def outer(k):
    return first_over(DATA, k % 120)
t = 0
for k in range(400):
    t += outer(k)
print(t)
""", stats={"side traces": 2}, most={"exits given up": 0}),
    dict(name="keyword_calls_inlined", src="""
def area(w, h=2, *, scale=1, shift=0):
    return w * h * scale + shift
class Acc:
    def __init__(self):
        self.total = 0
    def add(self, v, times=1, *, sign=1):
        self.total += sign * v * times
acc = Acc()
t = 0
for i in range(300):  # TRACE
    t += area(i, scale=3) + area(shift=1, w=i)
    acc.add(v=i, sign=-1)
print(t, acc.total)
""", want=["dict_get"], lack=["call_trace"], no_abort="keyword"),
    dict(name="str_index_and_iteration", src="""
text = "hello, world"
acc = 0
for i in range(300):  # TRACE
    acc += ord(text[i % 12])
    for ch in text[:3]:
        if ch == "l":
            acc += 1
print(acc)
""", want=["str_item", "str_ord"], no_abort="subscript of str"),
    dict(name="idle_root_retired", src="""
def f(x, n):
    s = x
    for i in range(n):
        s = s + x
    return s
out = []
for k in range(3000):
    v = 1 if k < 200 else [2.5, "a", (1,), [2]][k % 4]
    out.append(f(v, 3))
print(out[-5:], len(out))
""", jit="maxside=1,threshold=5", stats={"retired traces": 1}),
    # A function trace recorded on its short path whose calls now all leave at an early exit
    # with nowhere to go (its side traces abort at str % tuple): retired, then blacklisted. (The
    # caller's loop aborts at its own str % tuple, so fmt is called from the interpreter.)
    dict(name="early_exit_function_retired", src="""
def fmt(xs):
    out = []
    for x in xs:
        out.append("%d:%s" % (x, x * 2))
    return len(out)
t = 0
for i in range(8000):
    t += len("%d:%s" % (i, i)) + fmt([] if i < 200 else [i])
print(t)
""", jit="penalty=2", stats={"retired traces": 1}, most={"trace entries": 3000}),
    # A loop trace that ends handing over to a loop in an inlined call that is blacklisted: no
    # new trace ends there (each entry would pay an exit to save a few instructions).
    dict(name="handover_to_blacklisted_loop", src="""
def fmt(xs):
    n = 0
    for x in xs:
        n += len("%d:%s" % (x, x * 2))
    return n
t = 0
for i in range(2000):
    t += fmt(range(i % 50))
print(t)
""", jit="on", abort="its loop is blacklisted", most={"trace entries": 100}),
]


def run(cmd, env=None, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env, **kw)


def traces(dump):
    """Yields (header line, optimised IR lines) per compiled trace."""
    for m in re.finditer(r"---- TRACE (\d+): (.*?)\n(.*?)---- END TRACE", dump, re.S):
        body = m.group(3)
        opt = body.split("-- IR optimised\n", 1)[1].split("\n-- machine code", 1)[0]
        yield m.group(2), opt.splitlines()


def ops(lines):
    out = []
    for ln in lines:
        parts = ln.split()
        if len(parts) >= 3 and parts[0].startswith("%"):
            out.append(parts[2])
            if parts[2] in ("CALL", "CALLG", "CALLP") and len(parts) >= 6:
                out.append(parts[5])  # the helper's name
    return out


def check(chaipy, case):
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "t.py")
        with open(src, "w") as f:
            f.write(case["src"])
        dump = os.path.join(d, "dump.txt")
        expect = run([sys.executable, src]).stdout
        r = run([chaipy, "--jit", case.get("jit", "threshold=1,hotexit=1"), "--dump-traces=" + dump, "--jit-stats", src])
        if r.returncode != 0 or r.stdout != expect:
            return f"output differs: rc={r.returncode}\n--- python3\n{expect}--- chaipy\n{r.stdout}{r.stderr}"
        text = open(dump).read()
        marked = [i + 1 for i, ln in enumerate(case["src"].splitlines()) if "# TRACE" in ln]
        sel = []
        for head, lines in traces(text):
            if "side trace" in head:
                continue
            m = re.search(r":(\d+) \(", head)
            if not marked or (m and int(m.group(1)) - 1 in marked) or (m and int(m.group(1)) in marked):
                sel.append(lines)
        errors = []
        if (case.get("want") or case.get("lack") or case.get("pre")) and not sel:
            errors.append("no trace for the marked loop")
        for lines in sel:
            all_ops = ops(lines)
            if "LOOP" in all_ops:
                k = all_ops.index("LOOP")
                pre, body = all_ops[:k], all_ops[k:]
            else:
                pre, body = [], all_ops
            for op in case.get("want", []):  # "A|B": either
                if not any(o in body for o in op.split("|")):
                    errors.append(f"loop body lacks {op}")
            for op in case.get("lack", []):
                if op in body:
                    errors.append(f"loop body contains {op}")
            for op in case.get("pre", []):
                if op not in pre:
                    errors.append(f"pre-header lacks {op}")
        if "abort" in case and case["abort"] not in text:
            errors.append(f"no abort mentioning '{case['abort']}'")
        if "no_abort" in case and re.search(r"---- ABORT .*" + re.escape(case["no_abort"]), text):
            errors.append(f"an abort mentions '{case['no_abort']}'")
        for key, minimum in case.get("stats", {}).items():
            m = re.search(rf"^\s+{re.escape(key)}\s+(\d+)", r.stderr, re.M)
            if not m or int(m.group(1)) < minimum:
                errors.append(f"--jit-stats '{key}' below {minimum}:\n{r.stderr}")
        for key, maximum in case.get("most", {}).items():
            m = re.search(rf"^\s+{re.escape(key)}\s+(\d+)", r.stderr, re.M)
            if not m or int(m.group(1)) > maximum:
                errors.append(f"--jit-stats '{key}' above {maximum}:\n{r.stderr}")
        if errors:
            return "\n".join(errors) + "\n--- dump\n" + text[:6000]
    return None


LOOP_SRC = "s = 0\ndef f():\n    t = 0\n    for i in range(3000):\n        t += i\n    return t\nprint(f())\n"


def check_cli(chaipy):
    """The JIT's command-line surface: flags, errors in CPython's usage form, CHAIPY_JIT."""
    errors = []
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "loop.py")
        with open(src, "w") as f:
            f.write(LOOP_SRC)

        def stats(args, env=None):
            r = run([chaipy] + args + ["--jit-stats", src], env=env)
            m = re.search(r"traces compiled\s+(\d+)", r.stderr)
            return r, int(m.group(1)) if m else None

        r = run([chaipy, "--jit", "help"])
        for name in ("threshold", "hotexit", "maxtrace", "maxrecord", "maxinline", "penalty", "noopt"):
            if name not in r.stdout:
                errors.append(f"--jit help does not list {name}")
        r, n = stats([])
        if r.stdout != "4498500\n" or n != 1:
            errors.append(f"default run: stdout {r.stdout!r}, traces {n}")
        for args in (["--jit", "off"], ["--jit=off"]):
            r, n = stats(args)
            if r.stdout != "4498500\n" or n != 0:
                errors.append(f"{args}: traces {n}")
        r, n = stats([], env=dict(os.environ, CHAIPY_JIT="off"))
        if n != 0:
            errors.append(f"CHAIPY_JIT=off: traces {n}")
        r, n = stats(["--jit", "on"], env=dict(os.environ, CHAIPY_JIT="off"))
        if n != 1:
            errors.append(f"--jit on after CHAIPY_JIT=off: traces {n}")
        for bad, msg in ((["--jit", "threshold=x"], "bad value for 'threshold'"),
                         (["--jit", "nosuch=1"], "unknown parameter 'nosuch'"),
                         (["--jit", "noopt=bogus"], "unknown optimizer pass 'bogus'"),
                         (["--jit"], "Argument expected for the --jit option"),
                         (["--dump-traces=" + os.path.join(d, "no", "such")], "cannot open")):
            r = run([chaipy] + bad + ([] if bad == ["--jit"] else ["-c", "pass"]))
            if r.returncode != 2 or msg not in r.stderr or "usage:" not in r.stderr:
                errors.append(f"{bad}: rc {r.returncode}, stderr {r.stderr!r}")
        dump = os.path.join(d, "dump.txt")
        r = run([chaipy, "--dump-traces=" + dump, src])
        text = open(dump).read() if os.path.exists(dump) else ""
        for part in ("---- TRACE 1: loop at", "-- recorded bytecode", "-- IR as recorded", "-- IR optimised",
                     "-- machine code", "---- END TRACE 1"):
            if part not in text:
                errors.append(f"--dump-traces=FILE lacks {part!r}")
        r = run([chaipy, "--dump-traces", src])
        if "---- TRACE 1" not in r.stderr or r.stdout != "4498500\n":
            errors.append("--dump-traces without FILE does not write to stderr")
    return "\n".join(errors) or None


def main():
    chaipy = sys.argv[1]
    only = sys.argv[sys.argv.index("-k") + 1] if "-k" in sys.argv else None
    failed = 0
    n = 0
    for case in CASES:
        if only and only not in case["name"]:
            continue
        n += 1
        err = check(chaipy, case)
        if err:
            failed += 1
            print(f"FAIL {case['name']}\n{err}\n")
        else:
            print(f"ok   {case['name']}")
    if not only or only in "cli":
        n += 1
        err = check_cli(chaipy)
        if err:
            failed += 1
            print(f"FAIL cli\n{err}\n")
        else:
            print("ok   cli")
    print(f"{n - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
