#!/usr/bin/env python3
"""Generates tests/stdlib/re_engine_*.py: regular expressions compiled by CPython's own
re._parser/re._compiler into _sre opcode lists, each run against several subjects by a driver
that only uses the `_sre` module — so the same program runs under python3 (the oracle) and
chaipy whether or not `import re` works there, and exercises the matcher on its own.

Usage: python3 tests/stdlib/_re/gen_cases.py   (rewrites the generated files; deterministic)
"""
import os
import random
import re
from re import _compiler, _parser

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)

DRIVER = r'''
import _sre


def show_match(m):
    if m is None:
        return None
    return (m.span(), m.groups(), m.groupdict(), m.lastindex, m.lastgroup, m.regs, m[0])


def run(cases):
    for n, (args, subjects) in enumerate(cases):
        try:
            p = _sre.compile(*args)
        except Exception as e:
            print(n, "compile", type(e).__name__, e)
            continue
        print(n, repr(p), p.groups)
        for s in subjects:
            out = []
            for name, f in (("match", p.match), ("search", p.search), ("fullmatch", p.fullmatch)):
                out.append((name, show_match(f(s))))
            ln = len(s)
            out.append(("search@1", show_match(p.search(s, 1))))
            out.append(("match@1:-1", show_match(p.match(s, 1, ln - 1))))
            out.append(("findall", p.findall(s)))
            out.append(("finditer", [(m.span(), m.lastindex) for m in p.finditer(s)]))
            out.append(("split", p.split(s)))
            out.append(("split1", p.split(s, 1)))
            out.append(("sub", p.sub(s[:0] + "-" if isinstance(s, str) else b"-", s)))
            out.append(("subn", p.subn(lambda m: m.group()[::-1], s, 3)))
            sc = p.scanner(s)
            out.append(("scanner", [show_match(sc.match()) for _ in range(3)]))
            print(" ", repr(s), out)
'''


def spec(pattern, flags=0):
    """The arguments re._compiler.compile passes to _sre.compile."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    indexgroup = [None] * p.state.groups
    for k, i in p.state.groupdict.items():
        indexgroup[i] = k
    return (pattern, int(flags | p.state.flags), [int(c) for c in code], p.state.groups - 1, dict(p.state.groupdict), tuple(indexgroup))


# -- Hand-written cases: every opcode and the classic corner cases ------------------------------
SUBJECTS = ["", "a", "ab", "aaa", "abcabc", "xaybzc", "aab\nab b", "The quick brown fox",
            "foo123bar 4.5 -6", "aAbB", "  spaced  out  "]
HAND = [
    ("a", 0), ("abc", 0), ("a|b|c", 0), ("ab|ac|ad", 0), ("a*", 0), ("a+", 0), ("a?", 0),
    ("a*?", 0), ("a+?", 0), ("a??", 0), ("a{2}", 0), ("a{1,2}", 0), ("a{2,}", 0), ("a{,2}", 0),
    ("a{1,2}?", 0), ("(a)(b)?", 0), ("(a|b)*", 0), ("(a|b)*?c", 0), ("(ab)+", 0), ("(ab)*?b", 0),
    ("(?:a|ab)(c|bcd)(d*)", 0), ("(a*)*", 0), ("(a*)+", 0), ("(a|)*", 0), ("(?:)", 0),
    ("^a", 0), ("a$", 0), ("^$", 0), ("^", re.M), ("$", re.M), ("^a|b$", re.M), (r"\Aa", 0),
    (r"b\Z", 0), (r"\bfox\b", 0), (r"\Bo\B", 0), (r"\b", 0), (r"\B", 0), (".", 0), (".", re.S),
    (".*", 0), (".*", re.S), ("a.c", 0), (r"\d+", 0), (r"\D+", 0), (r"\s+", 0), (r"\S+", 0),
    (r"\w+", 0), (r"\W+", 0), (r"[abc]", 0), (r"[^abc]+", 0), (r"[a-c]+", 0), (r"[\d.]+", 0),
    (r"[-\d]+", 0), (r"[\w\s]+", 0), (r"[^\W\d]+", 0), (r"[a-zA-Z]+", 0), (r"[]a]", 0),
    ("A", re.I), ("[a-c]+", re.I), ("ab", re.I), (r"(a)\1", 0), (r"(a)\1", re.I), (r"(a|b)\1+", 0),
    (r"(?P<x>a)(?P=x)", 0), (r"(?P<first>\w+) (?P<second>\w+)", 0), (r"(?P<n>a)|(?P<m>b)", 0),
    (r"(?=a)", 0), (r"a(?=b)", 0), (r"a(?!b)", 0), (r"(?<=a)b", 0), (r"(?<!a)b", 0),
    (r"(?<=ab)c", 0), (r"(?<=a|b)c", 0), (r"(a)?(?(1)b|c)", 0), (r"(a)?(?(1)b)", 0),
    (r"(?P<q>a)?(?(q)b|c)+", 0), (r"a++", 0), (r"a*+a", 0), (r"(?:ab)++", 0), (r"(?:a|ab)++b", 0),
    (r"a?+", 0), (r"a{1,2}+", 0), (r"(?>a+)b", 0), (r"(?>ab|a)b", 0), (r"(?>(a)|b)+", 0),
    (r"(a)|b", 0), (r"(a)|(b)", 0), (r"((a)|b)+", 0), (r"(a(b)?)+", 0), (r"(a|(b))+", 0),
    (r"((a)|(b))*", 0), (r"(?:(a)|(b))+", 0), (r"(?:(a)|b)*", 0), (r"(?:(a)|b)*?$", 0),
    (r"(a)*?b", 0), (r"(?:a(b)?)+?c", 0), (r"(?:x*)*", 0), (r"(?:x*)+y", 0), (r"(?:a|b)*?", 0),
    (r"((?:a|b)*?)c", 0), (r"(a+)(b+)?", 0), (r"(?i)fox", 0), (r"(?i:Q)uick", 0), (r"(?-i:a)B", re.I),
    (r"(?s).", 0), (r"(?m)^b", 0), (r"(?x) a  b # comment", 0), (r"[ab]{2,3}?c", 0),
    (r"(?:(?:a)*)*b", 0), (r"(a*?)*", 0), (r"(a*?)+?b", 0), (r"(?:a{0,2}?)+", 0),
    (r"o", 0), (r"ob", 0), (r"abcab", 0), (r"aa", 0), (r"[ab]c", 0), (r"(?:ab|cd)e", 0),
    (r"\d+\.\d+", 0), (r"-?\d+", 0), (r"\w+(?=\d)", 0), (r"(\w)(\w)?\2", 0),
    (r"(?=(a+))a*b\1", 0), (r"(?!a)\w", 0), (r"(?<=\d)\w+", 0), (r"(?<!\w)\w", 0),
    (b"a+", 0), (b"[a-c]+", 0), (br"\w+", 0), (br"(a)|b", 0), (b"A", re.I), (br"\bab", 0),
    (r"\w+", re.A), (r"\s", re.A), (r"[\w]+", re.A), (r"\b\w", re.A),
]


def bytes_subjects():
    return [s.encode("ascii") for s in SUBJECTS if s.isascii()]


# -- Random patterns over a small alphabet --------------------------------------------------------
def rand_pattern(rng, depth=0, groups=None):
    if groups is None:
        groups = [0]
    parts = []
    for _ in range(rng.randint(1, 3)):
        r = rng.random()
        if depth < 3 and r < 0.25:
            kind = rng.random()
            inner = rand_pattern(rng, depth + 1, groups)
            if kind < 0.5:
                groups[0] += 1
                atom = "(" + inner + ")"
            elif kind < 0.65:
                atom = "(?:" + inner + ")"
            elif kind < 0.75:
                atom = "(?>" + inner + ")"
            elif kind < 0.85:
                atom = "(?=" + inner + ")" if rng.random() < 0.5 else "(?!" + inner + ")"
            else:
                atom = "(?:" + inner + "|" + rand_pattern(rng, depth + 1, groups) + ")"
        elif r < 0.35 and groups[0]:
            atom = "\\%d" % rng.randint(1, groups[0])
        elif r < 0.42:
            atom = rng.choice(["(?<=a)", "(?<!b)", "(?<=ab)", "^", "$", r"\b", r"\B"])
        elif r < 0.5 and groups[0]:
            g = rng.randint(1, groups[0])
            atom = "(?(%d)%s|%s)" % (g, rng.choice("ab"), rng.choice(["b", "c", ""]))
        else:
            atom = rng.choice(["a", "b", "c", ".", "[ab]", "[^a]", r"\w", "x", "ab"])
        q = rng.random()
        if q < 0.45:
            atom += rng.choice(["*", "+", "?", "*?", "+?", "??", "{1,2}", "{0,2}?", "{2}", "*+", "++", "?+"])
        if atom.startswith(("^", "$", "\\b", "\\B", "(?<", "(?=", "(?!")) and atom[-1] in "*+?}":
            atom = atom.rstrip("*+?{}0123456789,")
        parts.append(atom)
    pat = "".join(parts)
    if depth == 0 and rng.random() < 0.2:
        pat = pat + "|" + rand_pattern(rng, 1, groups)
    return pat


def rand_cases(seed, n, alphabet="aabbc\nx", unicode_atoms=False):
    rng = random.Random(seed)
    cases = []
    while len(cases) < n:
        pat = rand_pattern(rng)
        if unicode_atoms:
            pat = pat.replace("x", rng.choice(["\xe9", "\u0130", "\u017f", "K", "\u212a", "\u0661", "\\d", "\\s"]))
        flags = rng.choice([0, 0, 0, re.I, re.M, re.S])
        try:
            args = spec(pat, flags)
            re.compile(pat, flags)
        except (re.error, RecursionError, OverflowError):
            continue
        subjects = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(4)]
        cases.append((args, subjects))
    return cases


def write(name, header, cases):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        f.write("# chaipy-test: timeout=120\n")
        f.write("# Generated by tests/stdlib/_re/gen_cases.py — do not edit. %s\n" % header)
        f.write(DRIVER)
        f.write("\nCASES = [\n")
        for args, subjects in cases:
            f.write("    (%r, %r),\n" % (args, subjects))
        f.write("]\n\nrun(CASES)\n")


# Patterns of re_sre_api.py (generated from _re/api_template.py).
API_PATTERNS = {
    "named": (r"(?P<key>\w+)=(?P<value>\w+)", 0), "plain": ("a+", 0), "bytes_i": (b"ab", re.I),
    "verbose_m": (r"a # comment", re.X | re.M), "long": ("x" * 300, 0), "ascii_s": (r"\w.", re.A | re.S),
    "locale_bytes": (b"\\w", re.L), "optional": ("(a)(b)?(c)", 0), "alt": (r"(?P<l>[a-z])(?P<d>\d)?|(?P<n>\d)", 0),
    "empty": ("", 0), "word": (r"\w+", 0), "anchors": ("^ab$", re.M), "sep": (r"\s*[,;]\s*", 0),
    "sepgroup": (r"\s*([,;])\s*", 0), "pair": (r"(\w)=(\d?)", 0), "digits": (r"\d+", 0),
    "spaces": (r"\s+", 0), "nonword": (r"\W+", 0), "ignore": (r"[é]cole|e+", re.I),
    "altstar": ("(a|b)*", 0), "lazy": ("(?:a|b)*?c", 0),
}


def write_api():
    with open(os.path.join(HERE, "api_template.py")) as f:
        template = f.read()
    specs = "{\n" + "".join("    %r: %r,\n" % (k, spec(*v)) for k, v in API_PATTERNS.items()) + "}"
    with open(os.path.join(OUT, "re_sre_api.py"), "w") as f:
        f.write("# chaipy-test: timeout=120\n")
        f.write("# Generated by tests/stdlib/_re/gen_cases.py from _re/api_template.py — do not edit.\n")
        f.write(template.replace("{SPECS}", specs))


def main():
    import sys
    if len(sys.argv) > 1:  # fuzzing: gen_cases.py SEED N OUT [unicode]
        uni = len(sys.argv) > 4
        alphabet = "aAbc\n x\xe9\xc9\u0130i\u0131s\u017fSkK\u212a\u0661\u2003" if uni else "aabbc\nx"
        cases = rand_cases(int(sys.argv[1]), int(sys.argv[2]), alphabet, uni)
        global OUT
        OUT = os.path.dirname(os.path.abspath(sys.argv[3]))
        write(os.path.basename(sys.argv[3]), "fuzz", cases)
        return
    hand = []
    for pat, flags in HAND:
        subjects = bytes_subjects() if isinstance(pat, bytes) else SUBJECTS
        hand.append((spec(pat, flags), subjects))
    write_api()
    write("re_engine_hand.py", "Hand-picked patterns, one per opcode and corner case.", hand)
    write("re_engine_random1.py", "Random patterns (seed 1).", rand_cases(1, 150))
    write("re_engine_random2.py", "Random patterns (seed 2).", rand_cases(2, 150))


if __name__ == "__main__":
    main()
