#!/usr/bin/env python3
"""Random-program differential tester: python3 (the oracle) against chaipy.

Generates small deterministic Python programs in chaipy's supported subset (ints incl. big ints,
floats, strings, lists, dicts, tuples, if/while/for/break/continue, functions with defaults and
closures, classes with methods and dunders, try/except, comprehensions, generators), runs each
under python3 and under chaipy (``--jit off`` and the default mode) and compares stdout, the exit
status and the last non-empty stderr line. A mismatch is written to tests/fuzz/mismatches/
(``--out``), optionally minimised first (``--minimize``).

Programs are deterministic: every while loop has an iteration counter, ints are clamped below
10**40 whenever they are stored, strings/lists are sliced when stored, sets are only printed
sorted, and nothing prints ids, hashes, addresses or the default object repr.

Usage: gen_programs.py --chaipy PATH --count N --seed S [--keep-going] [--jobs J]
                       [--modes off,default] [--minimize] [--out DIR]
       gen_programs.py --chaipy PATH --seed S --print INDEX     (show one generated program)
       gen_programs.py --chaipy PATH --minimize-file FILE        (shrink a saved mismatch)
The last line printed is "N passed, N failed".
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = {"off": ["--jit", "off"], "default": [], "threshold1": ["--jit", "threshold=1,hotexit=1"]}
TIMEOUT = 20.0

INT, FLOAT, STR, BOOL, LIST, DICT, TUPLE = "int", "float", "str", "bool", "list", "dict", "tuple"
VALUE_TYPES = [INT, INT, INT, FLOAT, STR, STR, BOOL, LIST, LIST, DICT, TUPLE]

PRELUDE = """\
def _c(v):
    # keep stored ints below 10**40 (bigger than 64 bits, far below the int->str digit limit)
    return v if -10**40 < v < 10**40 else v % 1000000000000000000000000000000000000007
"""


class Scope:
    """Variables (expression text -> type) that are definitely bound at this point."""

    def __init__(self, parent=None, func=False):
        self.vars = dict(parent.vars) if parent else {}
        self.funcs = list(parent.funcs) if parent else []  # (name, [param types], ndefaults, return type)
        self.func = func or (parent.func if parent else False)
        self.writable = set(parent.writable) if parent and not func else set()

    def of_type(self, ty):
        return [v for v, t in self.vars.items() if t == ty]


class Gen:
    def __init__(self, rng, jit_only=False):
        self.r = rng
        self.jit_only = jit_only
        self.n = 0
        self.loop_depth = 0
        self.out = []

    # -- helpers ----------------------------------------------------------------------------------
    def fresh(self, prefix="v"):
        self.n += 1
        return f"{prefix}{self.n}"

    def chance(self, p):
        return self.r.random() < p

    def emit(self, ind, line):
        self.out.append("    " * ind + line)

    # -- literals ---------------------------------------------------------------------------------
    def int_lit(self):
        r = self.r.random()
        if r < 0.55:
            return str(self.r.randint(-10, 20))
        if r < 0.75:
            return str(self.r.randint(-1000, 100000))
        if r < 0.85:
            return str(self.r.choice([2**31 - 1, 2**31, 2**32, 2**62, 2**63 - 1, 2**63, 2**64, -2**63, -2**63 - 1,
                                      2**100, 10**20, 123456789012345678901234567890]))
        if r < 0.92:
            return self.r.choice(["0x1F", "0o17", "0b1011", "1_000_000", "0xFFFFFFFFFFFFFFFF"])
        return str(self.r.randint(-2**70, 2**70))

    def float_lit(self):
        return self.r.choice(["0.0", "-0.0", "1.5", "0.1", "2.5", "-3.75", "1e10", "1e-5", "3.141592653589793",
                              "1e300", "0.3", "100.0", "7.0", "1e16", "123.456", "2.0", "-0.5", "1/3",
                              "float('inf')", "float('-inf')", "float('nan')"])

    def str_lit(self):
        return repr(self.r.choice(["", "a", "abc", "hello", "Hello World", "  pad  ", "x,y,z", "42", "-7", "3.5",
                                   "caf\u00e9", "\u00fcber", "\u4e2d\u6587", "tab\there", "new\nline", "q'uote",
                                   'dq"uote', "back\\slash", "aAbBcC", "mississippi", "a b  c", "\u03b1\u03b2\u03b3",
                                   "\U0001F600", "ABC", "xyz", "0"]))

    # -- expressions ------------------------------------------------------------------------------
    def expr(self, sc, ty, d=0):
        """An expression of type ty (it may raise at run time: division by zero, index errors...)."""
        vars_ = sc.of_type(ty)
        if d >= 3 or self.chance(0.25 if d else 0.1):
            if vars_ and self.chance(0.7):
                return self.r.choice(vars_)
            return self.leaf(ty)
        calls = [f for f in sc.funcs if f[3] == ty]
        if calls and self.chance(0.12):
            return self.call(sc, self.r.choice(calls), d)
        if vars_ and self.chance(0.25):
            return self.r.choice(vars_)
        if self.chance(0.06):
            return f"({self.expr(sc, ty, d + 1)} if {self.expr(sc, BOOL, d + 1)} else {self.expr(sc, ty, d + 1)})"
        return getattr(self, "e_" + ty)(sc, d + 1)

    def leaf(self, ty):
        return {INT: self.int_lit, FLOAT: self.float_lit, STR: self.str_lit,
                BOOL: lambda: self.r.choice(["True", "False"]),
                LIST: lambda: "[" + ", ".join(self.int_lit() for _ in range(self.r.randint(0, 5))) + "]",
                DICT: lambda: "{" + ", ".join(f"{self.str_lit()}: {self.int_lit()}" for _ in range(self.r.randint(0, 4))) + "}",
                TUPLE: lambda: "(" + "".join(self.int_lit() + ", " for _ in range(self.r.randint(0, 4))) + ")"}[ty]()

    def call(self, sc, f, d):
        name, params, ndef, _ = f
        nreq = len(params) - ndef
        nargs = self.r.randint(nreq, len(params))
        args = [self.expr(sc, params[i], d + 1) for i in range(nargs)]
        if nargs > nreq and nargs == len(params) and self.chance(0.4):
            args[-1] = f"p{len(params) - 1}={args[-1]}"
        return f"{name}({', '.join(args)})"

    def e_int(self, sc, d):
        x = lambda: self.expr(sc, INT, d)
        k = self.r.randint(0, 23)
        if k <= 5:
            op = self.r.choice(["+", "-", "*", "+", "-", "*", "//", "%", "&", "|", "^"])
            return f"({x()} {op} {x()})"
        if k == 6:
            return f"({x()} ** {self.r.randint(0, 4)})"
        if k == 7:
            return f"({x()} {self.r.choice(['<<', '>>'])} {self.r.randint(0, 70)})"
        if k == 8:
            return f"{self.r.choice(['-', '~', '+'])}{x()}"
        if k == 9:
            return f"len({self.expr(sc, self.r.choice([STR, LIST, DICT, TUPLE]), d)})"
        if k == 10:
            return f"{self.r.choice(['abs', 'int'])}({x()})"
        if k == 11:
            return f"int({self.expr(sc, FLOAT, d)})"
        if k == 12:
            return f"{self.r.choice(['sum', 'min', 'max'])}({self.expr(sc, self.r.choice([LIST, TUPLE]), d)})"
        if k == 13:
            return f"{self.expr(sc, self.r.choice([LIST, TUPLE]), d)}[{x()}]"
        if k == 14:
            return f"{self.expr(sc, DICT, d)}[{self.expr(sc, STR, d)}]"
        if k == 15:
            return f"{self.expr(sc, DICT, d)}.get({self.expr(sc, STR, d)}, {x()})"
        if k == 16:
            return f"{self.expr(sc, STR, d)}.{self.r.choice(['count', 'find', 'rfind'])}({self.expr(sc, STR, d)})"
        if k == 17:
            return f"round({self.expr(sc, FLOAT, d)})"
        if k == 18:
            return f"int({self.r.choice(['1', '-12', ' 7 ', '0x10', '1_0', 'abc', '3.5'])!r}{self.r.choice(['', ', 16', ', 0'])})"
        if k == 19:
            return f"{self.r.choice(['min', 'max'])}({x()}, {x()})"
        if k == 20:
            return f"divmod({x()}, {x()})[{self.r.randint(0, 1)}]"
        if k == 21:
            return f"pow({x()}, {self.r.randint(0, 5)}, {x()})"
        if k == 22:
            return f"ord({self.expr(sc, STR, d)}[{x()}])" if self.chance(0.6) else f"{x()}.bit_length()"
        return f"({self.expr(sc, BOOL, d)} + {x()})"

    def fexpr(self, sc, ty, d):
        """An expression usable inside a 3.11 f-string replacement field (no quotes, backslashes, braces)."""
        for _ in range(5):
            e = self.expr(sc, ty, d)
            if not any(c in e for c in "'\"\\{}#"):
                return e
        vars_ = sc.of_type(ty)
        return self.r.choice(vars_) if vars_ else {INT: "7", FLOAT: "2.5", STR: "None"}[ty]

    def e_float(self, sc, d):
        x = lambda: self.expr(sc, FLOAT, d)
        k = self.r.randint(0, 8)
        if k <= 3:
            return f"({x()} {self.r.choice(['+', '-', '*', '/', '/', '//', '%'])} {self.r.choice([x(), self.expr(sc, INT, d)])})"
        if k == 4:
            if self.chance(0.5):  # int true division (correctly rounded, also for big ints)
                return f"({self.expr(sc, INT, d)} / {self.expr(sc, INT, d)})"
            return f"float({self.expr(sc, INT, d)})"
        if k == 5:
            return f"({x()} ** {self.r.randint(0, 3)})"
        if k == 6:
            return f"round({x()}, {self.r.randint(0, 4)})"
        if k == 7:
            return f"float({self.r.choice(['1.5', '-2e3', 'inf', ' 3 ', 'nan', 'x', '1_0.5'])!r})"
        return f"abs({x()})"

    def e_str(self, sc, d):
        s = lambda: self.expr(sc, STR, d)
        k = self.r.randint(0, 16)
        if k <= 2:
            return f"({s()} + {s()})"
        if k == 3:
            return f"({s()} * {self.r.randint(-1, 3)})"
        if k == 4:
            return f"{s()}[{self.expr(sc, INT, d)}]"
        if k == 5:
            a, b = self.r.choice(["", "1", "-2", "None"]), self.r.choice(["", "3", "-1", "None", "100"])
            st = self.r.choice(["", ":2", ":-1", ":3"])
            return f"{s()}[{a}:{b}{st}]"
        if k == 6:
            return f"{s()}.{self.r.choice(['upper', 'lower', 'strip', 'title', 'capitalize', 'swapcase', 'lstrip', 'rstrip'])}()"
        if k == 7:
            return f"{s()}.replace({s()}, {s()})"
        if k == 8:
            return f"{self.str_lit()}.join({self.r.choice(['', 'sorted', 'reversed'])}([str(_x) for _x in {self.expr(sc, LIST, d)}]))"
        if k == 9:
            return f"str({self.expr(sc, self.r.choice([INT, FLOAT, BOOL, LIST, TUPLE, DICT]), d)})"
        if k == 10:
            return f"repr({self.expr(sc, self.r.choice([STR, FLOAT, LIST, DICT]), d)})"
        if k == 11:
            spec = self.r.choice(["", "!r", ":>8", ":<6", ":^9", ":05d", ":x", ":,", ":+d", ":b"])
            fspec = self.r.choice(["", ":.2f", ":.3e", ":10.4f", ":g", ":.1%", "!r"])
            return f"f'<{{{self.fexpr(sc, INT, d)}{spec}}}|{{{self.fexpr(sc, FLOAT, d)}{fspec}}}|{{{self.fexpr(sc, STR, d)}!r}}>'"
        if k == 12:
            return f"'{{}}-{{!r}}-{{:>5}}'.format({self.expr(sc, INT, d)}, {s()}, {s()})"
        if k == 13:
            return f"{self.r.choice(['hex', 'bin', 'oct', 'chr'])}({self.expr(sc, INT, d)})"
        if k == 14:
            return f"{s()}.split({self.r.choice(['', repr(','), repr(' '), repr('s')])})[{self.expr(sc, INT, d)}]"
        if k == 15:
            return f"'%s=%d' % ({s()}, {self.expr(sc, INT, d)})"
        return f"{s()}.{self.r.choice(['zfill', 'center', 'ljust', 'rjust'])}({self.r.randint(0, 12)})"

    def e_bool(self, sc, d):
        k = self.r.randint(0, 8)
        if k <= 2:
            ty = self.r.choice([INT, INT, FLOAT, STR, LIST, TUPLE])
            ops = ["<", "<=", ">", ">=", "==", "!="]
            if self.chance(0.2):
                return f"({self.expr(sc, ty, d)} {self.r.choice(ops)} {self.expr(sc, ty, d)} {self.r.choice(ops)} {self.expr(sc, ty, d)})"
            if ty in (INT, FLOAT) and self.chance(0.3):  # mixed int/float comparison (exact in Python)
                return f"({self.expr(sc, INT, d)} {self.r.choice(ops)} {self.expr(sc, FLOAT, d)})"
            return f"({self.expr(sc, ty, d)} {self.r.choice(ops)} {self.expr(sc, ty, d)})"
        if k == 3:
            return f"({self.expr(sc, BOOL, d)} {self.r.choice(['and', 'or'])} {self.expr(sc, BOOL, d)})"
        if k == 4:
            return f"(not {self.expr(sc, BOOL, d)})"
        if k == 5:
            c = self.r.choice([(INT, LIST), (INT, TUPLE), (STR, STR), (STR, DICT)])
            return f"({self.expr(sc, c[0], d)} {self.r.choice(['in', 'not in'])} {self.expr(sc, c[1], d)})"
        if k == 6:
            return f"bool({self.expr(sc, self.r.choice([INT, STR, LIST, DICT, FLOAT]), d)})"
        if k == 7:
            if self.chance(0.5):
                m = self.r.choice(['startswith', 'endswith', 'isdigit', 'isalpha', 'isupper', 'isspace'])
                # (is*() with an argument is a TypeError: rarely, to check argument counting)
                arg = self.expr(sc, STR, d) if m.endswith("with") or self.chance(0.03) else ""
                return f"{self.expr(sc, STR, d)}.{m}({arg})"
            return f"{self.r.choice(['any', 'all'])}({self.expr(sc, LIST, d)})"
        return f"isinstance({self.expr(sc, self.r.choice(VALUE_TYPES), d)}, {self.r.choice(['int', 'str', 'float', 'list', 'dict', 'tuple', 'bool', '(int, str)'])})"

    def e_list(self, sc, d):
        k = self.r.randint(0, 9)
        i = lambda: self.expr(sc, INT, d)
        if k <= 1:
            return "[" + ", ".join(i() for _ in range(self.r.randint(0, 4))) + "]"
        if k == 2:
            v = self.fresh("_e")
            cond = f" if {v} % {self.r.randint(2, 4)} {self.r.choice(['==', '!='])} 0" if self.chance(0.5) else ""
            inner = self.expr(self.with_var(sc, v, INT), INT, d)
            return f"[{inner} for {v} in {self.expr(sc, self.r.choice([LIST, TUPLE]), d)}{cond}]"
        if k == 3:
            return f"list(range({self.r.randint(-3, 3)}, {self.r.randint(0, 9)}, {self.r.choice([1, 1, 2, 3, -1])}))"
        if k == 4:
            return f"sorted({self.expr(sc, LIST, d)}{self.r.choice(['', ', reverse=True', ', key=abs', ', key=lambda _q: -_q'])})"
        if k == 5:
            return f"({self.expr(sc, LIST, d)} + {self.expr(sc, LIST, d)})"
        if k == 6:
            return f"{self.expr(sc, LIST, d)}[{self.r.choice(['1:', ':2', '::-1', '1:-1', '::2', '-3:'])}]"
        if k == 7:
            return f"list({self.expr(sc, self.r.choice([TUPLE, DICT]), d)}{'.values()' if self.chance(0.5) else ''})" \
                if self.chance(0.5) else f"list({self.expr(sc, TUPLE, d)})"
        if k == 8:
            return f"sorted({{_s % 5 for _s in {self.expr(sc, LIST, d)}}})"
        return f"[ord(_ch) for _ch in {self.expr(sc, STR, d)}][:6]"

    def e_dict(self, sc, d):
        k = self.r.randint(0, 4)
        if k <= 1:
            return "{" + ", ".join(f"{self.expr(sc, STR, d)}: {self.expr(sc, INT, d)}" for _ in range(self.r.randint(0, 3))) + "}"
        if k == 2:
            v = self.fresh("_k")
            return f"{{str({v}): {v} * {v} for {v} in {self.expr(sc, LIST, d)}}}"
        if k == 3:
            return f"dict(zip([str(_z) for _z in {self.expr(sc, LIST, d)}], {self.expr(sc, LIST, d)}))"
        return f"{{**{self.expr(sc, DICT, d)}, {self.expr(sc, STR, d)}: {self.expr(sc, INT, d)}}}"

    def e_tuple(self, sc, d):
        k = self.r.randint(0, 3)
        if k <= 1:
            return "(" + "".join(self.expr(sc, INT, d) + ", " for _ in range(self.r.randint(0, 3))) + ")"
        if k == 2:
            return f"tuple({self.expr(sc, LIST, d)})"
        return f"({self.expr(sc, TUPLE, d)} + {self.expr(sc, TUPLE, d)})[:5]"

    def with_var(self, sc, name, ty):
        s = Scope(sc)
        s.func = sc.func
        s.writable = set(sc.writable)
        s.vars[name] = ty
        return s

    # -- statements -------------------------------------------------------------------------------
    def clamp(self, ty, e):
        if ty == INT:
            return f"_c({e})"
        if ty in (STR, LIST):
            return f"({e})[:{self.r.randint(8, 40)}]"
        return e

    def guarded(self, ind, lines, handler_extra=None):
        """Emit lines inside try/except Exception that prints the exception type and message."""
        self.emit(ind, "try:")
        for l in lines:
            self.emit(ind + 1, l)
        self.emit(ind, "except Exception as _ex:")
        self.emit(ind + 1, "print('!', type(_ex).__name__, _ex)")
        for l in handler_extra or []:
            self.emit(ind + 1, l)

    def assign(self, sc, ind, target=None, ty=None):
        if target is None:
            ty = self.r.choice(VALUE_TYPES)
            target = self.fresh()
        e = self.clamp(ty, self.expr(sc, ty))
        # on failure the variable still gets a value of its type, so later statements stay well typed
        self.guarded(ind, [f"{target} = {e}"], [f"{target} = {self.leaf(ty)}"])
        sc.vars[target] = ty
        sc.writable.add(target)

    def stmt(self, sc, ind, budget):
        k = self.r.random()
        writable = [v for v in sc.writable if v in sc.vars]
        if k < 0.22:
            ty = self.r.choice(VALUE_TYPES)
            self.guarded(ind, [f"print({self.expr(sc, ty)})"])
        elif k < 0.34:
            self.assign(sc, ind)
        elif k < 0.42 and writable:
            v = self.r.choice(writable)
            ty = sc.vars[v]
            if ty == INT:
                op = self.r.choice(["+=", "-=", "*=", "//=", "%=", "^=", "|="])
                self.guarded(ind, [f"{v} {op} {self.expr(sc, INT)}", f"{v} = _c({v})"])
            elif ty == STR:
                self.guarded(ind, [f"{v} += {self.expr(sc, STR)}", f"{v} = {v}[-30:]"])
            elif ty == LIST:
                op = self.r.choice([f"{v}.append({self.expr(sc, INT)})", f"{v}.insert(0, {self.expr(sc, INT)})",
                                    f"{v}.pop()", f"{v}.sort()", f"{v}.reverse()", f"{v}[0] = {self.expr(sc, INT)}",
                                    f"del {v}[{self.expr(sc, INT)}]", f"{v}.extend({self.expr(sc, TUPLE)})",
                                    f"{v}[1:3] = [{self.expr(sc, INT)}]", f"{v}.remove({self.expr(sc, INT)})"])
                self.guarded(ind, [op, f"del {v}[30:]"])
            elif ty == DICT:
                op = self.r.choice([f"{v}[{self.expr(sc, STR)}] = {self.expr(sc, INT)}",
                                    f"{v}.pop({self.expr(sc, STR)})", f"{v}.setdefault({self.expr(sc, STR)}, {self.expr(sc, INT)})",
                                    f"{v}.update({self.expr(sc, DICT)})", f"del {v}[{self.expr(sc, STR)}]"])
                self.guarded(ind, [op])
            else:
                self.assign(sc, ind, v, ty)
        elif k < 0.70 and budget > 1:
            kind = self.if_stmt if k < 0.52 else self.while_stmt if k < 0.60 else self.for_stmt
            # a failing condition or iterable is caught here instead of ending the program
            self.emit(ind, "try:")
            kind(sc, ind + 1, budget)
            self.emit(ind, "except Exception as _ex:")
            self.emit(ind + 1, "print('!!', type(_ex).__name__, _ex)")
        elif k < 0.76 and self.loop_depth:
            self.emit(ind, f"if {self.expr(sc, BOOL, 2)}:")
            self.emit(ind + 1, self.r.choice(["break", "continue"]))
        elif k < 0.82 and budget > 1:
            self.emit(ind, "try:")
            self.try_stmt(sc, ind + 1, budget)
            self.emit(ind, "except Exception as _ex:")
            self.emit(ind + 1, "print('!!!', type(_ex).__name__, _ex)")
        elif k < 0.88:
            # tuple unpacking / swap
            a, b = self.fresh(), self.fresh()
            if self.chance(0.5):
                self.guarded(ind, [f"{a}, *{b} = {self.expr(sc, self.r.choice([LIST, TUPLE]))}", f"print({a}, {b})"])
            else:
                self.guarded(ind, [f"{a}, {b} = {self.expr(sc, INT)}, {self.expr(sc, STR)}", f"{a}, {b} = {b}, {a}",
                                   f"print({a}, {b})"])
        else:
            self.guarded(ind, [f"print({self.expr(sc, self.r.choice(VALUE_TYPES))}, {self.expr(sc, self.r.choice(VALUE_TYPES))}, sep={self.str_lit()})"])

    def block(self, sc, ind, budget):
        n = self.r.randint(1, max(1, min(4, budget)))
        for _ in range(n):
            self.stmt(sc, ind, budget - 1)

    def if_stmt(self, sc, ind, budget):
        self.emit(ind, f"if {self.expr(sc, BOOL, 1)}:")
        self.block(Scope(sc), ind + 1, budget - 1)
        while self.chance(0.3):
            self.emit(ind, f"elif {self.expr(sc, BOOL, 1)}:")
            self.block(Scope(sc), ind + 1, budget - 1)
        if self.chance(0.5):
            self.emit(ind, "else:")
            self.block(Scope(sc), ind + 1, budget - 1)

    def while_stmt(self, sc, ind, budget):
        cnt = self.fresh("_w")
        self.emit(ind, f"{cnt} = 0")
        cond = f" and {self.expr(sc, BOOL, 2)}" if self.chance(0.5) else ""
        self.emit(ind, f"while {cnt} < {self.r.randint(0, 6)}{cond}:")
        self.emit(ind + 1, f"{cnt} += 1")
        inner = Scope(sc)
        inner.vars[cnt] = INT
        self.loop_depth += 1
        self.block(inner, ind + 1, budget - 1)
        self.loop_depth -= 1
        if self.chance(0.2):
            self.emit(ind, "else:")
            self.emit(ind + 1, f"print('while-else', {cnt})")

    def for_stmt(self, sc, ind, budget):
        v = self.fresh("i")
        inner = Scope(sc)
        k = self.r.randint(0, 5)
        if k <= 1:
            it, ty = f"range({self.r.randint(-2, 2)}, {self.r.randint(0, 6)})", INT
        elif k == 2:
            it, ty = self.expr(sc, LIST, 2), INT
        elif k == 3:
            it, ty = self.expr(sc, STR, 2), STR
        elif k == 4:
            w = self.fresh("k")
            self.emit(ind, f"for {w}, {v} in enumerate({self.expr(sc, self.r.choice([LIST, TUPLE]), 2)}):")
            inner.vars[w] = INT
            inner.vars[v] = INT
            it = None
        else:
            w = self.fresh("k")
            self.emit(ind, f"for {w}, {v} in {self.expr(sc, DICT, 2)}.items():")
            inner.vars[w] = STR
            inner.vars[v] = INT
            it = None
        if it is not None:
            self.emit(ind, f"for {v} in {it}:")
            inner.vars[v] = ty
        self.loop_depth += 1
        self.block(inner, ind + 1, budget - 1)
        self.loop_depth -= 1
        if self.chance(0.2):
            self.emit(ind, "else:")
            self.emit(ind + 1, "print('for-else')")

    def try_stmt(self, sc, ind, budget):
        self.emit(ind, "try:")
        self.block(Scope(sc), ind + 1, budget - 1)
        if self.chance(0.5):
            self.emit(ind + 1, f"raise {self.r.choice(['ValueError', 'KeyError', 'TypeError', 'RuntimeError'])}({self.expr(sc, STR, 2)})")
        self.emit(ind, f"except ({self.r.choice(['ValueError, KeyError', 'TypeError', 'ZeroDivisionError, IndexError', 'ArithmeticError', 'LookupError'])}) as _e{ind}:")
        self.emit(ind + 1, f"print('caught', type(_e{ind}).__name__, _e{ind}.args)")
        if self.chance(0.3):
            self.emit(ind, "else:")
            self.emit(ind + 1, "print('no exception')")
        if self.chance(0.4):
            self.emit(ind, "finally:")
            self.emit(ind + 1, "print('finally')")

    # -- top-level constructs ---------------------------------------------------------------------
    def func_def(self, sc):
        name = self.fresh("f")
        nparams = self.r.randint(0, 3)
        ptypes = [self.r.choice(VALUE_TYPES) for _ in range(nparams)]
        ndef = self.r.randint(0, nparams)
        rty = self.r.choice(VALUE_TYPES)
        params = []
        for i, t in enumerate(ptypes):
            params.append(f"p{i}={self.leaf(t)}" if i >= nparams - ndef else f"p{i}")
        self.emit(0, f"def {name}({', '.join(params)}):")
        body = Scope(sc, func=True)
        body.vars = {v: t for v, t in sc.vars.items()}  # globals are readable
        for i, t in enumerate(ptypes):
            body.vars[f"p{i}"] = t
            body.writable.add(f"p{i}")
        self.block(body, 1, 3)
        self.emit(1, f"return {self.expr(body, rty)}")
        sc.funcs.append((name, ptypes, ndef, rty))
        for _ in range(self.r.randint(1, 3)):
            self.guarded(0, [f"print({name!r}, {self.call(sc, sc.funcs[-1], 1)})"])

    def closure(self, sc):
        mk, c = self.fresh("mk"), self.fresh("cl")
        self.emit(0, f"def {mk}(start, step={self.r.randint(1, 5)}):")
        self.emit(1, "total = start")
        self.emit(1, "hist = []")
        self.emit(1, "def inc(by=step):")
        self.emit(2, "nonlocal total")
        self.emit(2, f"total = _c(total {self.r.choice(['+', '*', '-'])} by)")
        self.emit(2, "hist.append(total)")
        self.emit(2, "return total")
        self.emit(1, "def get():")
        self.emit(2, "return total, len(hist)")
        self.emit(1, "return inc, get")
        self.guarded(0, [f"{c}, {c}g = {mk}({self.expr(sc, INT)})",
                         f"print({c}(), {c}({self.r.randint(-3, 9)}), {c}(by={self.expr(sc, INT, 2)}), {c}g())"])
        fs = self.fresh("fs")
        if self.chance(0.5):
            self.emit(0, f"{fs} = [lambda y, k=k: y * k + {self.r.randint(0, 3)} for k in range({self.r.randint(0, 4)})]")
            self.emit(0, f"print([g({self.r.randint(-2, 5)}) for g in {fs}])")
        else:
            self.emit(0, f"{fs} = [lambda: k for k in range({self.r.randint(0, 4)})]")
            self.emit(0, f"print([g() for g in {fs}])")

    def class_def(self, sc):
        name = self.fresh("C")
        ta, tb = self.r.choice([INT, FLOAT, STR]), self.r.choice([INT, STR, LIST])
        base = None
        self.emit(0, f"class {name}:")
        self.emit(1, f"kind = {self.str_lit()}")
        self.emit(1, "count = 0")
        self.emit(1, f"def __init__(self, a, b={self.leaf(tb)}):")
        self.emit(2, "self.a = a")
        self.emit(2, "self.b = b")
        self.emit(2, f"{name}.count += 1")
        self.emit(1, "def __repr__(self):")
        self.emit(2, f"return f'{name}({{self.a!r}}, {{self.b!r}})'")
        self.emit(1, "def __eq__(self, other):")
        self.emit(2, f"return isinstance(other, {name}) and self.a == other.a")
        self.emit(1, "def __lt__(self, other):")
        self.emit(2, "return self.a < other.a")
        self.emit(1, "def __add__(self, other):")
        self.emit(2, f"return {name}(self.a + (other.a if isinstance(other, {name}) else other), self.b)")
        self.emit(1, "def __len__(self):")
        self.emit(2, "return len(str(self.a))")
        self.emit(1, "def __bool__(self):")
        self.emit(2, "return bool(self.a)")
        self.emit(1, "def __iter__(self):")
        self.emit(2, "yield self.a")
        self.emit(2, "yield self.b")
        self.emit(1, "def __getitem__(self, i):")
        self.emit(2, "return (self.a, self.b)[i]")
        self.emit(1, "def __contains__(self, x):")
        self.emit(2, "return x == self.a or x == self.b")
        msc = Scope(sc, func=True)
        msc.vars = dict(sc.vars)
        msc.vars["self.a"] = ta
        msc.vars["self.b"] = tb
        mty = self.r.choice([INT, STR, BOOL, LIST])
        self.emit(1, "def m(self, x=1):")
        msc.vars["x"] = INT
        self.block(msc, 2, 2)
        self.emit(2, f"return {self.expr(msc, mty)}")
        self.emit(1, "@property")
        self.emit(1, "def prop(self):")
        self.emit(2, "return (self.a, self.kind)")
        self.emit(1, "@classmethod")
        self.emit(1, "def make(cls, a):")
        self.emit(2, "return cls(a)")
        self.emit(1, "@staticmethod")
        self.emit(1, "def st(x, y=2):")
        self.emit(2, "return x * y")
        if self.chance(0.6):
            base, name2 = name, self.fresh("D")
            self.emit(0, f"class {name2}({base}):")
            self.emit(1, f"kind = {self.str_lit()}")
            self.emit(1, "def __init__(self, a, b=None, c=3):")
            self.emit(2, "super().__init__(a, b)")
            self.emit(2, "self.c = c")
            self.emit(1, "def m(self, x=2):")
            self.emit(2, "return (super().m(x), self.c)")
            self.emit(1, "def __repr__(self):")
            self.emit(2, "return 'D:' + super().__repr__()")
        cls = [name] + ([name2] if base else [])
        objs = []
        for _ in range(self.r.randint(2, 4)):
            o = self.fresh("o")
            self.guarded(0, [f"{o} = {self.r.choice(cls)}({self.expr(sc, ta)}, {self.expr(sc, tb)})"],
                         [f"{o} = {name}({self.leaf(ta)})"])
            objs.append(o)
        ol = ", ".join(objs)
        for _ in range(self.r.randint(3, 7)):
            a, b = self.r.choice(objs), self.r.choice(objs)
            # (no sorting of float-keyed objects: with NaN the order depends on the sort algorithm)
            e = self.r.choice([f"[{ol}]", f"sorted([{ol}])" if ta != FLOAT else f"[{ol}][::-1]", f"{a} == {b}", f"{a} < {b}", f"{a} + {b}", f"{a}.m()",
                               f"{a}.m({self.expr(sc, INT, 2)})", f"len({a})", f"bool({a})", f"list({a})",
                               f"{a}[{self.r.randint(-2, 2)}]", f"{self.expr(sc, ta, 2)} in {a}", f"{a}.prop",
                               f"{self.r.choice(cls)}.make({self.expr(sc, ta, 2)})", f"{a}.st(3)", f"{name}.st('ab', 2)",
                               f"{name}.count", f"type({a}).__name__", f"isinstance({a}, {self.r.choice(cls)})",
                               f"getattr({a}, 'c', 'no-c')", f"max([{ol}])", f"{a} != {b}", f"{a}.kind",
                               f"[_o.a for _o in [{ol}] if _o]"])
            self.guarded(0, [f"print({e})"])
        if self.chance(0.4):
            self.guarded(0, [f"{objs[0]}.a = {self.expr(sc, ta)}", f"{objs[0]}.extra = {self.expr(sc, INT)}",
                             f"print({objs[0]}, {objs[0]}.extra, hasattr({objs[0]}, 'zz'))"])

    def generator(self, sc):
        g = self.fresh("g")
        self.emit(0, f"def {g}(n, m={self.r.randint(1, 4)}):")
        self.emit(1, "i = 0")
        self.emit(1, "while i < n:")
        gs = Scope(sc, func=True)
        gs.vars = dict(sc.vars)
        gs.vars.update({"i": INT, "n": INT, "m": INT})
        self.emit(2, f"v = yield {self.expr(gs, INT, 1)}")
        self.emit(2, "if v is not None:")
        self.emit(3, "i += v")
        self.emit(2, "i += m")
        if self.chance(0.5):
            self.emit(1, f"yield from {self.expr(sc, self.r.choice([LIST, TUPLE]), 1)}")
        self.emit(1, "return 'done'")
        n = self.r.randint(0, 7)
        k = self.r.randint(0, 4)
        if k == 0:
            self.guarded(0, [f"print(list({g}({n})))"])
        elif k == 1:
            self.guarded(0, [f"print(sum({g}({n}, 2)), max({g}({n}), default=None))"])
        elif k == 2:
            it = self.fresh("it")
            self.guarded(0, [f"{it} = {g}({n})", f"print(next({it}), next({it}, 'x'), {it}.send(1) if {n} > 3 else None)",
                             f"print([_v for _v in {it}])"])
        elif k == 3:
            self.guarded(0, [f"print([_a * _b for _a, _b in zip({g}({n}), {g}({n}, 1)) if _a != _b])"])
        else:
            it = self.fresh("it")
            self.guarded(0, [f"{it} = {g}({n})", "while True:", f"    print('step', next({it}))"],
                         [f"print('stop value', getattr(_ex, 'value', None))"])
        self.guarded(0, [f"print(sum(_x * _x for _x in {g}({n}) if _x % 2), list(enumerate({g}({n // 2}))))"])

    def raising(self, sc):
        e, f = self.fresh("Err"), self.fresh("r")
        self.emit(0, f"class {e}(Exception):")
        self.emit(1, "def __init__(self, code, msg='bad'):")
        self.emit(2, "super().__init__(msg)")
        self.emit(2, "self.code = code")
        self.emit(0, f"def {f}(x):")
        self.emit(1, "if x < 0:")
        self.emit(2, f"raise {e}(x, 'negative')")
        self.emit(1, "if x == 0:")
        self.emit(2, "return 1 // x")
        self.emit(1, "if x > 100:")
        self.emit(2, "try:")
        self.emit(3, "[][x]")
        self.emit(2, "except IndexError as ie:")
        self.emit(3, f"raise {e}(x) from ie")
        self.emit(1, "return x * 2")
        xs = ", ".join(self.expr(sc, INT, 2) for _ in range(self.r.randint(2, 5)))
        self.guarded(0, [f"_xs = [{xs}]"], ["_xs = [-1, 0, 1, 101]"])
        self.emit(0, "for _x in _xs:")
        self.emit(1, "try:")
        self.emit(2, f"print('ok', {f}(_x))")
        self.emit(1, f"except {e} as err:")
        self.emit(2, "print('Err', err.code, err, type(err.__cause__).__name__)")
        self.emit(1, "except ZeroDivisionError as err:")
        self.emit(2, "print('zero', err)")
        self.emit(1, "finally:")
        self.emit(2, "print('after', _x)")

    def varargs(self, sc):
        f, cnt = self.fresh("va"), self.fresh("G")
        self.emit(0, f"{cnt} = 0")
        self.emit(0, f"def {f}(a, /, b={self.int_lit()}, *args, c={self.str_lit()}, d=None, **kw):")
        self.emit(1, f"global {cnt}")
        self.emit(1, f"{cnt} += 1")
        self.emit(1, "d = [] if d is None else d")
        self.emit(1, "d.append(len(args))")
        self.emit(1, "return (a, b, args, c, d, sorted(kw.items()))")
        calls = [f"{f}({self.expr(sc, INT, 2)})", f"{f}(1, 2, 3, 4)", f"{f}(*{self.expr(sc, LIST, 2)})",
                 f"{f}(0, c={self.expr(sc, STR, 2)}, z=1, y=2)", f"{f}(0, **{self.expr(sc, DICT, 2)})",
                 f"{f}(a=1)", f"{f}(1, 2, b=3)", f"{f}(*(1, 2), *[3], **{{'q': 4}})", f"{f}()",
                 f"{f}(1, d=[9])"]
        for _ in range(self.r.randint(2, 5)):
            self.guarded(0, [f"print({self.r.choice(calls)})"])
        self.emit(0, f"print('{f} calls', {cnt})")

    def hot_loop(self, sc):
        """A loop long enough for the JIT's default threshold; values change type and size as it runs
        (small -> big ints, float specials, exceptions on some iterations) to exercise guards."""
        i, a, f, l, st, err = (self.fresh(p) for p in ("hi", "ha", "hf", "hl", "hs", "he"))
        self.emit(0, f"{a}, {f}, {l}, {st}, {err} = {self.int_lit()}, {self.float_lit()}, [], '', {{}}")
        self.emit(0, f"for {i} in range({self.r.randint(1000, 2500)}):")
        body = Scope(sc)
        body.vars.update({i: INT, a: INT, f: FLOAT, l: LIST, st: STR})
        self.emit(1, "try:")
        self.emit(2, f"{a} = _c({a} {self.r.choice(['*', '+', '-', '^'])} {self.expr(body, INT, 1)})")
        self.emit(2, f"{f} = {self.expr(body, FLOAT, 1)}")
        self.emit(2, f"if {self.expr(body, BOOL, 1)}:")
        self.emit(3, f"{l}.append({self.expr(body, INT, 1)})")
        self.emit(3, f"del {l}[:-6]")
        self.emit(2, f"if {i} % {self.r.randint(2, 9)} == 0:")
        self.emit(3, f"{st} = ({st} + {self.expr(body, STR, 2)})[-24:]")
        self.emit(1, "except Exception as _ex:")
        self.emit(2, f"{err}[type(_ex).__name__] = {err}.get(type(_ex).__name__, 0) + 1")
        self.emit(0, f"print({a}, {f}, {l}, {st!s}, {err})")

    def recursion(self, sc):
        f = self.fresh("rec")
        self.emit(0, f"def {f}(n):")
        self.emit(1, f"return {self.r.choice(['1', 'n', '0'])} if n <= 1 else {f}(n - 1) {self.r.choice(['+', '*'])} {f}(n - {self.r.choice([1, 2])})")
        self.guarded(0, [f"print([{f}(_n) for _n in range({self.r.randint(0, 14)})])"])

    # -- JIT shapes (issue 11): code the tracing JIT was not tuned for -----------------------------
    # Each shape is a small self-contained program part whose driver loop runs a few hundred
    # times (past the default threshold of 100), so the loops, functions, side traces and their
    # hand-overs compile in every mode; values change type or size late in some of them, so that
    # compiled guards fail. They use their own names only and print their results.
    def jx(self, names, d=0):
        """A small int expression over the int variables `names` (mostly traceable arithmetic)."""
        if d >= 2 or self.chance(0.3):
            if names and self.chance(0.7):
                return self.r.choice(names)
            return str(self.r.choice([0, 1, 2, 3, 5, 7, 10, -1, -3, 100, 2**40, 2**62]))
        a, b = self.jx(names, d + 1), self.jx(names, d + 1)
        k = self.r.randint(0, 9)
        if k <= 3:
            return f"({a} {self.r.choice(['+', '-', '*', '+', '-'])} {b})"
        if k == 4:
            return f"({a} {self.r.choice(['//', '%'])} {self.r.choice([2, 3, 7, -5])})"
        if k == 5:
            return f"({a} {self.r.choice(['&', '|', '^'])} {b})"
        if k == 6:
            return f"({a} << {self.r.randint(0, 3)})"
        if k == 7:
            return f"{self.r.choice(['min', 'max'])}({a}, {b})"
        if k == 8:
            return f"abs({a})"
        return f"({a} if {a} {self.r.choice(['<', '>=', '==', '!='])} {b} else {b})"

    def drive(self, n_iter, lines, result):
        """A guarded hot driver loop over _i running `lines`, then print(result)."""
        self.emit(0, f"for _i in range({n_iter}):")
        self.emit(1, "try:")
        for l in lines:
            self.emit(2, l)
        self.emit(1, "except Exception as _ex:")
        self.emit(2, "print('!', _i, type(_ex).__name__, _ex)")
        self.emit(0, f"print({result})")

    def jit_shape(self, sc):
        self.r.choice([self.js_rec_loop, self.js_rec_method, self.js_callbacks, self.js_callback_table,
                       self.js_hierarchy, self.js_shapes, self.js_generators, self.js_bigint_float,
                       self.js_return_in_loop, self.js_keyword_calls, self.js_type_tests])()

    def js_rec_loop(self):
        """A function that recurses inside its own loop (and maybe before it)."""
        f, acc = self.fresh("rl"), self.fresh("acc")
        self.emit(0, f"def {f}(n, k):")
        self.emit(1, f"t = {self.jx(['n', 'k'])}")
        if self.chance(0.2):  # collect while callers wait in traced recursive calls
            self.emit(1, f"if k == {self.r.randint(0, 40)}:")
            self.emit(2, "__import__('gc').collect()")
        self.emit(1, f"if n {self.r.choice(['!= 0', '> 0', '>= 1'])}:")
        if self.chance(0.4):
            self.emit(2, f"t = _c(t + {f}(n - 1, {self.jx(['k', 'n'])}))")
        rng = self.r.choice(["n", "n + 1", "k % 3 + 1", "3"])
        if self.chance(0.7):
            self.emit(2, f"for i in range({rng}):")
        else:
            self.emit(2, "i = 0")
            self.emit(2, f"while i < {rng}:")
            self.emit(3, "i += 1")
        if self.chance(0.3):
            self.emit(3, f"if {self.jx(['i', 'k'])} % {self.r.randint(2, 5)} == 0:")
            self.emit(4, self.r.choice(["continue", "break"]))
        self.emit(3, f"t = _c(t {self.r.choice(['+', '-', '^', '+'])} {f}(n - 1, {self.jx(['i', 'k', 't'])}))")
        if self.chance(0.4):
            self.emit(3, f"t = _c(t + {self.jx(['i', 'k', 'n'])})")
        if self.chance(0.3):
            self.emit(2, f"if k % {self.r.randint(3, 9)} == 1:")
            self.emit(3, "return t * 2")
        if self.chance(0.08):  # a path returning None: t + None raises TypeError on some iterations
            self.emit(1, f"if k == {self.r.randint(0, 40)}:")
            self.emit(2, "return")
        self.emit(1, "return t")
        self.emit(0, f"{acc} = 0")
        depth = self.r.randint(1, 3)
        self.drive(self.r.randint(120, 400), [f"{acc} = _c({acc} + {f}({depth}, _i % {self.r.randint(2, 50)}))"],
                   f"'{f}', {acc}")

    def js_rec_method(self):
        """A method recursing before and inside its loop, with a helper method (Permute's shape)."""
        c, o = self.fresh("Rm"), self.fresh("rm")
        self.emit(0, f"class {c}:")
        self.emit(1, "def __init__(self, fan):")
        self.emit(2, "self.fan = fan")
        self.emit(2, "self.count = 0")
        self.emit(2, "self.v = [0, 1, 2, 3, 4, 5, 6]")
        self.emit(1, "def swap(self, i, j):")
        self.emit(2, "tmp = self.v[i]")
        self.emit(2, "self.v[i] = self.v[j]")
        self.emit(2, "self.v[j] = tmp")
        self.emit(1, "def rec(self, n):")
        self.emit(2, "self.count += 1")
        if self.chance(0.3):  # collect while callers wait in traced recursive calls
            self.emit(2, f"if self.count % {self.r.randint(50, 150)} == 0:")
            self.emit(3, "__import__('gc').collect()")
        self.emit(2, "if n != 0:")
        self.emit(3, "n1 = n - 1")
        if self.chance(0.6):
            self.emit(3, "self.rec(n1)")
        self.emit(3, f"for i in {self.r.choice(['range(n1, -1, -1)', 'range(self.fan)', 'range(n1)'])}:")
        self.emit(4, "self.swap(n1, i)")
        ret = self.chance(0.5)
        self.emit(4, "self.count += self.rec(n1) % 3" if ret else "self.rec(n1)")
        self.emit(4, "self.swap(n1, i)")
        self.emit(2, "return self.count" if ret else "return None")
        if self.chance(0.4):  # a subclass whose override calls back into the recursion
            d = self.fresh("Rd")
            self.emit(0, f"class {d}({c}):")
            self.emit(1, "def swap(self, i, j):")
            self.emit(2, "super().swap(j, i)")
            self.emit(2, "self.count += 1")
            c2 = d
        else:
            c2 = c
        self.emit(0, f"{o} = [{c}(2), {c2}(3)]")
        depth = self.r.randint(2, 4)
        fresh = self.chance(0.5)
        obj = f"{self.r.choice([c, c2])}(_i % 3 + 1)" if fresh else f"{o}[_i % 2]"
        self.drive(self.r.randint(20, 120), [f"_r = {obj}", f"_r.rec({depth})", f"{o}[0].count += _r.count % 5"],
                   f"'{c}', [_x.count for _x in {o}], [_x.v for _x in {o}]")

    def js_callbacks(self):
        """A walker loop calling a callback that is a bound method of another object, a fresh
        closure, a lambda or a plain function, chosen per call."""
        k, w, mk, pf, objs, acc = (self.fresh(p) for p in ("Cb", "walk", "mkcb", "pf", "cbo", "acc"))
        self.emit(0, f"class {k}:")
        self.emit(1, "def __init__(self, j):")
        self.emit(2, "self.j = j")
        self.emit(2, "self.total = 0")
        self.emit(2, "self.seen = []")
        self.emit(1, "def add(self, x):")
        self.emit(2, f"self.total = _c(self.total + {self.jx(['x', 'self.j'])})")
        self.emit(2, "return self.total % 11")
        self.emit(1, "def remove(self, x):")
        self.emit(2, "if x % 3 == 0:")
        self.emit(3, "self.seen.append(x)")
        self.emit(3, "del self.seen[:-4]")
        self.emit(1, "def twice(self, x):")
        self.emit(2, "return self.add(x) + self.add(x + 1)")
        self.emit(0, f"def {w}(items, fn):")
        self.emit(1, "s = 0")
        if self.chance(0.6):
            self.emit(1, "for x in items:")
        else:
            self.emit(1, "n = 0")
            self.emit(1, "while n < len(items):")
            self.emit(2, "x = items[n]")
            self.emit(2, "n += 1")
        self.emit(2, "r = fn(x)")
        self.emit(2, "if r is not None:")
        self.emit(3, "s = _c(s + r)")
        self.emit(1, "return s")
        self.emit(0, f"def {mk}(m):")
        if self.chance(0.5):
            self.emit(1, "def cb(x):")
            self.emit(2, f"return {self.jx(['x', 'm'])}")
        else:
            self.emit(1, "box = [0]")
            self.emit(1, "def cb(x):")
            self.emit(2, "box[0] += x")
            self.emit(2, f"return box[0] % {self.r.randint(2, 50)} + m")
        self.emit(1, "return cb")
        self.emit(0, f"def {pf}(x):")
        self.emit(1, f"return {self.jx(['x'])}")
        self.emit(0, f"{objs} = [{k}(_j) for _j in range(3)]")
        self.emit(0, f"{acc} = 0")
        kinds = [f"{objs}[_i % 3].add", f"{objs}[_i % 2].remove", f"{objs}[0].twice", f"{mk}(_i % 7)",
                 f"lambda x: x * {self.r.randint(1, 9)}", pf, f"(lambda x, _k=_i: x - _k)"]
        chosen = self.r.sample(kinds, self.r.randint(1, 4))
        cb = chosen[0]
        for j, other in enumerate(chosen[1:]):
            cb = f"({other} if _i % {len(chosen)} == {j + 1} else {cb})"
        if self.chance(0.3):  # switch later to a callback returning floats
            cb = f"({cb} if _i < {self.r.randint(100, 300)} else (lambda x: x * 0.5))"
        data = f"list(range({self.r.randint(3, 20)}))"
        self.drive(self.r.randint(150, 400), [f"{acc} = _c({acc} + {w}({data}, {cb}))"],
                   f"'{w}', {acc}, [(_o.total, _o.seen) for _o in {objs}]")

    def js_callback_table(self):
        """Callables kept in a list or dict, called from a loop; the table changes as it runs."""
        t, mk, c, acc = (self.fresh(p) for p in ("tab", "mkt", "Ct", "acc"))
        self.emit(0, f"class {c}:")
        self.emit(1, "def __init__(self, k):")
        self.emit(2, "self.k = k")
        self.emit(1, "def __call__(self, x):")
        self.emit(2, "return x + self.k")
        self.emit(1, "def meth(self, x):")
        self.emit(2, f"return {self.jx(['x', 'self.k'])}")
        self.emit(0, f"def {mk}(k):")
        self.emit(1, f"return lambda x: {self.jx(['x', 'k'])}")
        entries = [f"{mk}(1)", f"{c}(2).meth", "abs", f"{mk}(5)", f"{c}(3)", "lambda x: -x", f"{c}.meth.__get__({c}(4))"]
        chosen = self.r.sample(entries, self.r.randint(2, 5))
        as_dict = self.chance(0.3)
        if as_dict:
            self.emit(0, f"{t} = {{{', '.join(f'{j}: {e}' for j, e in enumerate(chosen))}}}")
            get = f"{t}[_i % len({t})]"
        else:
            self.emit(0, f"{t} = [{', '.join(chosen)}]")
            get = f"{t}[_i % len({t})]"
        self.emit(0, f"{acc} = 0")
        lines = [f"{acc} = _c({acc} + {get}(_i))"]
        m = self.r.randint(30, 120)
        repl = self.r.choice([f"{mk}(_i)", f"{c}(_i).meth", f"{c}(_i)"])
        lines.append(f"if _i % {m} == {m - 1}:")
        lines.append(f"    {t}[_i % len({t})] = {repl}")
        if self.chance(0.4) and not as_dict:
            lines.append(f"if _i % {m + 7} == 0 and len({t}) < 9:")
            lines.append(f"    {t}.append({repl})")
        self.drive(self.r.randint(150, 400), lines, f"'{t}', {acc}, len({t})")

    def js_hierarchy(self):
        """A chain of 3-6 classes overriding methods (some through super()), instances of every
        level called from one loop."""
        depth = self.r.randint(3, 6)
        names = [self.fresh("H") for _ in range(depth)]
        objs, acc = self.fresh("ho"), self.fresh("acc")
        for lvl, name in enumerate(names):
            base = f"({names[lvl - 1]})" if lvl else ""
            self.emit(0, f"class {name}{base}:")
            wrote = False
            if lvl == 0 or self.chance(0.4):
                self.emit(1, "def __init__(self, x):")
                if lvl:
                    self.emit(2, "super().__init__(x)")
                    self.emit(2, f"self.y{lvl} = x % {lvl + 2}")
                else:
                    self.emit(2, "self.x = x")
                wrote = True
            if lvl == 0 or self.chance(0.6):
                self.emit(1, "def val(self):")
                if lvl and self.chance(0.6):
                    self.emit(2, f"return super().val() + {lvl}")
                else:
                    self.emit(2, f"return {self.jx(['self.x'])}")
                wrote = True
            if lvl == 0 or self.chance(0.4):
                self.emit(1, "def step(self, y):")
                self.emit(2, f"return _c(self.val() * y % {self.r.randint(50, 1000)} + {lvl})")
                wrote = True
            if not wrote:
                self.emit(1, f"tag = {lvl}")
        self.emit(0, f"{objs} = [{', '.join(f'{n}({j + 1})' for j, n in enumerate(names))}]")
        self.emit(0, f"{acc} = 0")
        lines = [f"_o = {objs}[_i % {len(names)}]", f"{acc} = _c({acc} + _o.step(_i) + _o.val())"]
        if self.chance(0.3):
            lines.append(f"if _i == {self.r.randint(150, 300)}:")
            lines.append(f"    {names[self.r.randrange(depth)]}.val = lambda self: 7")
        self.drive(self.r.randint(150, 400), lines, f"'{names[0]}', {acc}")

    def js_shapes(self):
        """Instances whose attributes are added in different orders, deleted, or change type."""
        c, objs, acc = self.fresh("Sh"), self.fresh("so"), self.fresh("acc")
        self.emit(0, f"class {c}:")
        self.emit(1, "k = 1")
        self.emit(1, "def __init__(self, a):")
        self.emit(2, "self.a = a")
        self.emit(1, "def get(self):")
        self.emit(2, "return self.a + getattr(self, 'b', 0)")
        self.emit(0, f"{objs} = [{c}(_j) for _j in range(4)]")
        self.emit(0, f"{acc} = 0")
        lines = [f"_p = {c}(_i) if _i % {self.r.randint(2, 5)} == 0 else {objs}[_i % 4]"]
        for _ in range(self.r.randint(2, 4)):
            m = self.r.randint(2, 60)
            act = self.r.choice([f"_p.b = {self.jx(['_i'])}", "_p.z = _i", "_p.a = _p.a + 1",
                                 "_p.a = _c(_p.a * 3)", "_p.a = float(_i)", "_p.a = _i % 5",
                                 "del _p.a\n_p.a = 2", f"{c}.k = _i % 3", "_p.__dict__.clear()\n_p.a = 1"])
            lines.append(f"if _i % {m} == {self.r.randrange(m)}:")
            for a in act.split("\n"):
                lines.append("    " + a)
        lines.append(f"{acc} = _c({acc} + _p.get() + {c}.k) if not isinstance(_p.a, float) else {acc}")
        self.drive(self.r.randint(150, 400), lines, f"'{c}', {acc}, [sorted(vars(_o)) for _o in {objs}]")

    def js_generators(self):
        """Generators and generator expressions feeding hot loops."""
        g, acc = self.fresh("gn"), self.fresh("acc")
        self.emit(0, f"def {g}(n, k):")
        self.emit(1, "i = 0")
        self.emit(1, "while i < n:")
        self.emit(2, f"yield {self.jx(['i', 'k'])}")
        self.emit(2, "i += 1")
        if self.chance(0.4):
            self.emit(1, "yield from [k, -k]")
        self.emit(0, f"{acc} = 0")
        lines = []
        kind = self.r.randint(0, 3)
        n = f"_i % {self.r.randint(3, 12)}"
        if kind == 0:
            lines += [f"for _v in {g}({n}, _i):", f"    {acc} = _c({acc} + _v)"]
        elif kind == 1:
            lines += [f"{acc} = _c({acc} + sum(_x * 2 for _x in {g}({n}, 3) if _x % 2 == 0))"]
        elif kind == 2:
            lines += [f"for _a, _b in zip({g}({n}, 1), {g}({n}, 2)):", f"    {acc} = _c({acc} + _a * _b)"]
        else:
            lines += [f"for _j, _v in enumerate({g}({n}, _i)):", f"    if _v > {self.r.randint(5, 50)}:",
                      "        break", f"    {acc} = _c({acc} + _j - _v)"]
        self.drive(self.r.randint(150, 400), lines, f"'{g}', {acc}")

    def js_bigint_float(self):
        """Ints past int64 (an LCG modulo 2**64, shifted) in float arithmetic, some past the float range."""
        st, acc = self.fresh("lcg"), self.fresh("acc")
        mod = self.r.choice(["0xFFFFFFFFFFFFFFFF", "((1 << 89) - 1)", "((1 << 62) - 1)"])
        self.emit(0, f"{st}, {acc} = {self.r.choice([1, 42, 2**63 + 5, -7])}, 0.0")
        e = self.r.choice([f"({st} >> {self.r.randint(0, 20)}) / {self.r.choice(['9007199254740992.0', '3.5', '-1e300'])}",
                           f"{st} * {self.r.choice(['0.5', '1e-20', '-2.25', 'float(_i)'])}",
                           f"{self.r.choice(['1.5', '-0.0', '1e308'])} - {st}",
                           f"{st} ** {self.r.choice(['0.5', '1.0', '2.0'])}",
                           f"({st} << {self.r.choice([0, 900, 1100])}) * 1.0"])
        lines = [f"{st} = ({st} * 6364136223846793005 + 1442695040888963407) & {mod}",
                 f"{acc} = _c({acc} + {e})"]
        if self.chance(0.3):  # the kind changes late: a small int, then a float
            lines.append(f"{st} = {st} if _i < {self.r.randint(100, 300)} else {self.r.choice(['_i', '2.5 * _i'])}")
        self.drive(self.r.randint(150, 400), lines, f"'{st}', {acc}")

    def js_return_in_loop(self):
        """A loop that returns from its function (early, after a break, or when exhausted), the
        function called from native code (map, sorted's key) or from a traced caller."""
        f, g, acc = self.fresh("rf"), self.fresh("rg"), self.fresh("acc")
        self.emit(0, f"def {f}(xs, lim):")
        self.emit(1, "t = 0")
        self.emit(1, self.r.choice(["for v in xs:", "for i, v in enumerate(xs):"]))
        self.emit(2, f"if v {self.r.choice(['>', '==', '<'])} lim:")
        self.emit(3, self.r.choice(["return t", "return v", "break", "return None"]))
        self.emit(2, f"t = _c(t + {self.jx(['v', 'lim'])})")
        self.emit(1, self.r.choice(["return t", "return -1", "return None"]))
        self.emit(0, f"def {g}(k):")
        self.emit(1, f"return {f}([(_j * {self.r.choice([7, 13, 7919])}) % {self.r.randint(5, 60)} for _j in range(k % {self.r.randint(3, 15)})], k % {self.r.randint(2, 40)})")
        self.emit(0, f"{acc} = []")
        call = self.r.choice([f"{g}(_i)", f"list(map({g}, range(_i % 5)))", f"sorted(range(_i % 4), key=lambda _k: ({g}(_k + _i) or 0, _k))"])
        self.drive(self.r.randint(150, 400), [f"{acc}.append({call})", f"del {acc}[:-5]"], f"'{f}', {acc}")

    def js_keyword_calls(self):
        """Calls with keyword arguments (any order, skipped defaults, keyword-only parameters,
        methods, __init__), wrong names on some iterations, defaults replaced late."""
        f, c, acc = self.fresh("kf"), self.fresh("Kc"), self.fresh("acc")
        self.emit(0, f"def {f}(a, b={self.r.randint(-3, 9)}, c={self.r.randint(0, 5)}, *, k={self.r.randint(1, 4)}, m=0):")
        self.emit(1, f"return {self.jx(['a', 'b', 'c', 'k', 'm'])}")
        self.emit(0, f"class {c}:")
        self.emit(1, f"def __init__(self, x, y={self.r.randint(0, 9)}, *, z=1):")
        self.emit(2, "self.v = x * z + y")
        self.emit(1, "def get(self, d=1, *, e=2):")
        self.emit(2, "return self.v * d + e")
        self.emit(0, f"{acc} = 0")
        calls = [f"{f}(_i, k=2)", f"{f}(c=_i, a=1)", f"{f}(_i, m=_i % 3, b=-1)", f"{f}(a=_i, b=2, c=3, k=4, m=5)",
                 f"{c}(_i, z=2).get(e=_i % 4)", f"{c}(x=_i).get()", f"{c}(_i, 3).get(d=2)"]
        lines = [f"{acc} = _c({acc} + {self.r.choice(calls)} + {self.r.choice(calls)})"]
        if self.chance(0.3):
            lines.append(f"if _i % {self.r.randint(40, 90)} == 7: {f}(_i, {self.r.choice(['q=1', 'a=2', 'k=1, k2=2'])})")
        if self.chance(0.3):
            what = self.r.choice([f"{f}.__defaults__ = (5, 6)", f"{f}.__kwdefaults__ = {{'k': 9, 'm': 1}}",
                                  f"{c}.__init__.__defaults__ = (4,)", f"{c}.get.__kwdefaults__ = {{'e': -1}}"])
            lines.append(f"if _i == {self.r.randint(100, 250)}: {what}")
        self.drive(self.r.randint(150, 400), lines, f"'{f}', {acc}")

    def js_type_tests(self):
        """isinstance()/type() tests on mixed values, immediates (None, bools) among them, with
        collections while the traces exist; in a function's loop (called directly or from native
        code) or in a generator feeding a loop."""
        g, cls, acc = self.fresh("tg"), self.fresh("Tc"), self.fresh("acc")
        self.emit(0, f"class {cls}:")
        self.emit(1, "pass")
        vals = self.r.sample(["True", "False", "None", "0", "7", "2**70", "1.5", "'s'", f"{cls}()", "(1,)", "[]"],
                             self.r.randint(2, 6))
        test = self.r.choice(["isinstance(v, {})", "isinstance(v, {})", "type(v) is {}", "not isinstance(v, {})"])
        test = test.format(self.r.choice(["int", "bool", "float", "object", "type(None)", cls, "(int, str)", "(bool, float)"]))
        extra = self.r.choice(["i", "v is None", "bool(v)"])
        gen = self.chance(0.3)
        self.emit(0, f"def {g}(n):")
        self.emit(1, f"vs = [{', '.join(vals)}]")
        if not gen:
            self.emit(1, "t = 0")
        self.emit(1, "for i in range(n):")
        self.emit(2, "v = vs[i % len(vs)]")
        if self.chance(0.4):
            self.emit(2, f"if i % {self.r.randint(20, 90)} == 3:")
            self.emit(3, "__import__('gc').collect()")
        if gen:
            self.emit(2, f"yield {test}, {extra}")
        else:
            self.emit(2, f"t += (1 if {test} else 3) + ({extra})")
        if not gen:
            self.emit(1, "return t")
        self.emit(0, f"{acc} = 0")
        if gen:
            lines = [f"for _t, _x in {g}(_i % 50):", f"    {acc} = _c({acc} + (1 if _t else 3) + _x)"]
        else:
            lines = [self.r.choice([f"{acc} = _c({acc} + {g}(_i % 150))",
                                    f"{acc} = _c({acc} + sum(map({g}, range(_i % 7, _i % 7 + 130, 60))))"])]
        if self.chance(0.4):
            lines.append(f"if _i % {self.r.randint(30, 80)} == 1: __import__('gc').collect()")
        self.drive(self.r.randint(150, 300), lines, f"'{g}', {acc}")

    def program(self):
        self.out = [PRELUDE]
        sc = Scope()
        for _ in range(self.r.randint(2, 4)):
            self.assign(sc, 0)
        for _ in range(self.r.randint(3, 8)):
            k = self.r.random()
            if self.jit_only or k < 0.2:
                self.jit_shape(sc)
                continue
            k = (k - 0.2) / 0.8
            if k < 0.35:
                self.stmt(sc, 0, 4)
            elif k < 0.5:
                self.func_def(sc)
            elif k < 0.6:
                self.class_def(sc)
            elif k < 0.7:
                self.generator(sc)
            elif k < 0.78:
                self.closure(sc)
            elif k < 0.86:
                self.raising(sc)
            elif k < 0.9:
                self.recursion(sc) if self.chance(0.5) else self.varargs(sc)
            elif k < 0.95:
                self.hot_loop(sc)
            else:
                self.assign(sc, 0)
        # finish with every variable's final value (and sometimes an uncaught exception)
        names = sorted(v for v in sc.vars if not v.startswith("_"))
        self.emit(0, f"print({', '.join(names)})")
        if self.chance(0.1):
            self.emit(0, self.r.choice(["raise ValueError('the end')", "print(1 // 0)", "[][5]",
                                        "raise SystemExit(3)", "undefined_name"]))
        return "\n".join(self.out) + "\n"


def generate(seed, index, jit_only=False):
    return Gen(random.Random(f"{seed}:{index}"), jit_only).program()


# -- running ----------------------------------------------------------------------------------------
def run(cmd, path):
    try:
        p = subprocess.run(cmd + [path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT,
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return ("TIMEOUT", b"", "")
    lines = [l for l in p.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    return (p.returncode, p.stdout, lines[-1] if lines else "")


def compare(src, chaipy, modes, workdir):
    """None if every chaipy mode agrees with python3, else (mode, python result, chaipy result)."""
    fd, path = tempfile.mkstemp(suffix=".py", dir=workdir)
    with os.fdopen(fd, "w") as f:
        f.write(src)
    try:
        ref = run([sys.executable, "-B"], path)
        if ref[0] == "TIMEOUT":
            return "skip"
        for m in modes:
            got = run([chaipy, "-B"] + MODES[m], path)
            if got != ref:
                return (m, ref, got)
        return None
    finally:
        os.unlink(path)


def minimize(src, chaipy, modes, workdir):
    """Greedy line-block removal while python3 still compiles the program and chaipy still differs."""
    lines = src.splitlines()

    def still_fails(ls):
        text = "\n".join(ls) + "\n"
        try:
            compile(text, "<min>", "exec")
        except (SyntaxError, ValueError):
            return False
        res = compare(text, chaipy, modes, workdir)
        return res not in (None, "skip")

    chunk = max(1, len(lines) // 2)
    while chunk >= 1:
        i = 0
        changed = False
        while i < len(lines):
            cand = lines[:i] + lines[i + chunk:]
            if cand and still_fails(cand):
                lines = cand
                changed = True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    return "\n".join(lines) + "\n"


def describe(res):
    mode, ref, got = res
    out = [f"mode: {mode}"]
    if ref[0] != got[0]:
        out.append(f"exit status: python3 {ref[0]}, chaipy {got[0]}")
    if ref[2] != got[2]:
        out.append(f"last stderr line: python3 {ref[2]!r}, chaipy {got[2]!r}")
    if ref[1] != got[1]:
        a, b = ref[1].decode("utf-8", "replace").splitlines(), got[1].decode("utf-8", "replace").splitlines()
        for i in range(max(len(a), len(b))):
            x = a[i] if i < len(a) else "<missing>"
            y = b[i] if i < len(b) else "<missing>"
            if x != y:
                out.append(f"stdout line {i + 1}: python3 {x[:300]!r}")
                out.append(f"{' ' * len(str(i + 1))}              chaipy  {y[:300]!r}")
                break
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chaipy", required=True)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--keep-going", action="store_true", help="continue after the first mismatch")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--modes", default="off,default")
    ap.add_argument("--minimize", action="store_true", help="minimise mismatching programs before saving")
    ap.add_argument("--out", default=os.path.join(HERE, "mismatches"))
    ap.add_argument("--print", dest="print_index", type=int, help="print program INDEX of the seed and exit")
    ap.add_argument("--ignore", action="append", default=[], metavar="REGEX",
                    help="count mismatches whose description matches REGEX as known (exploration only)")
    ap.add_argument("--minimize-file", metavar="FILE", help="minimise an existing mismatching program and print it")
    ap.add_argument("--jit-shapes", action="store_true",
                    help="programs made only of the JIT shapes (recursion in loops, callbacks, hierarchies...)")
    args = ap.parse_args()
    if args.minimize_file:
        with open(args.minimize_file) as f, tempfile.TemporaryDirectory(prefix="chaipy-gen-") as workdir:
            modes = [m for m in args.modes.split(",") if m]
            src = minimize(f.read(), os.path.abspath(args.chaipy), modes, workdir)
            res = compare(src, os.path.abspath(args.chaipy), modes, workdir)
            if res not in (None, "skip"):
                sys.stdout.write("# " + describe(res).replace("\n", "\n# ") + "\n")
            sys.stdout.write(src)
        return 0
    if args.print_index is not None:
        sys.stdout.write(generate(args.seed, args.print_index, args.jit_shapes))
        return 0
    modes = [m for m in args.modes.split(",") if m]
    chaipy = os.path.abspath(args.chaipy)
    passed = failed = skipped = known = 0
    with tempfile.TemporaryDirectory(prefix="chaipy-gen-") as workdir, ThreadPoolExecutor(args.jobs) as pool:
        def job(i):
            src = generate(args.seed, i, args.jit_shapes)
            return i, src, compare(src, chaipy, modes, workdir)

        pending = [pool.submit(job, i) for i in range(args.count)]
        for fut in pending:
            i, src, res = fut.result()
            if res is None:
                passed += 1
                continue
            if res == "skip":
                skipped += 1
                continue
            if any(re.search(rx, describe(res)) for rx in args.ignore):
                known += 1
                continue
            failed += 1
            if args.minimize:
                src = minimize(src, chaipy, modes, workdir)
                res = compare(src, chaipy, modes, workdir) or res
                if res == "skip":
                    res = ("?", ("", b"", ""), ("", b"", ""))
            os.makedirs(args.out, exist_ok=True)
            path = os.path.join(args.out, f"seed{args.seed}_{i}.py")
            info = describe(res)
            with open(path, "w") as f:
                f.write("# gen_programs.py --seed %s, program %d\n# %s\n" % (args.seed, i, info.replace("\n", "\n# ")))
                f.write(src)
            print(f"MISMATCH seed {args.seed} program {i} -> {path}\n  " + info.replace("\n", "\n  "), flush=True)
            if not args.keep_going:
                for p in pending:
                    p.cancel()
                break
    if skipped:
        print(f"{skipped} skipped (python3 timed out)")
    if known:
        print(f"{known} known mismatches ignored (--ignore)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
