"""PEP 563: under `from __future__ import annotations` annotations are never evaluated; they are
stored as the source text CPython's unparser writes (minimal parentheses, normalised spacing,
repr() quoting). compile() and exec() inherit the feature or take it as a flag."""
from __future__ import annotations

import __future__


def f(a: int, b: list[int] = [], *c: "str", d: dict[str, tuple[int, ...]] | None = None, **e: 1 + 2) -> a.b[1:2, ::3]:
    pass


print(f.__annotations__)
print(bool(f.__code__.co_flags & __future__.annotations.compiler_flag))


class C:
    x: int
    y: lambda a, *b, c=1, **d: (a, -b ** 2, not c, f"{a!r:>{b}} {{x}}")
    z: [i async for i in y if i] = 3
    u: (a if b else c) + (not x) * -(y ** -z) ** 2
    v: {'a': 1, **k} | {1, 2} | {k: v for k, v in w}
    w: f(x for x in y) and g(*a, k=1, **kw) or (yield_ := 3)
    s: 1 .real + 1.5 .real + 1e400 + 2j + (-1e400j) + ... + None
    t: x[()] + x[1,] + x[a:b] + x[:, ::] + x[*a]
    q: lambda: (yield) if 0 else 1
    r: a < b <= c is not d not in e


for k, v in C.__annotations__.items():
    print(k, "->", v)


def undefined_names_are_fine(x: NotDefinedAnywhere) -> AlsoUndefined[int]:
    pass


print(undefined_names_are_fine.__annotations__)

# Code compiled from here inherits the feature...
ns = {}
exec("def g(x: int) -> str: pass", ns)
print(ns["g"].__annotations__)
print(eval("lambda: 0").__code__.co_flags & __future__.annotations.compiler_flag != 0)
# ...unless dont_inherit says otherwise
ns = {}
exec(compile("def g(x: int) -> str: pass", "<s>", "exec", dont_inherit=True), ns)
print(ns["g"].__annotations__)
ns = {}
exec(compile("def g(x: int) -> str: pass", "<s>", "exec", __future__.annotations.compiler_flag, True), ns)
print(ns["g"].__annotations__)

# Misplaced or unknown future imports
for src in ["import os\nfrom __future__ import annotations",
            "'doc'\nfrom __future__ import annotations, division\nfrom __future__ import generator_stop\nx = 1",
            "from __future__ import braces",
            "from __future__ import annotations, spam",
            "from __future__ import annotations\ndef f(x: (yield)): pass",
            "from __future__ import annotations\nx: (y := 1)",
            "def f(x: (yield)): pass"]:
    try:
        compile(src, "<src>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno, e.offset)
