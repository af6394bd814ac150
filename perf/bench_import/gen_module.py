#!/usr/bin/env python3
"""Write a large synthetic module for the import benchmark.

usage: gen_module.py OUTDIR [LINES]

Writes OUTDIR/chaipy_bigmod.py with roughly LINES lines (default 20000) of
constants, functions and classes, deterministic content.  The module defines
checksum() which touches every generated function and class.
"""
import os
import sys

MODULE_NAME = "chaipy_bigmod"

BLOCK = '''\
CONST_{i} = {i} * 3 + 1
NAME_{i} = "name_{i}"
TABLE_{i} = ({i}, {i1}, {i2}, "t{i}", {f}, None, True)
MAPPING_{i} = {{"a": {i}, "b": NAME_{i}, "c": [1, 2, {i}]}}


def func_{i}(a, b=2, *rest):
    """Docstring of func_{i}."""
    x = a * {m} + b - len(rest)
    if x > 1000:
        x = x % 997 + CONST_{i}
    elif x < 0:
        x = -x
    else:
        x = x + TABLE_{i}[1]
    total = 0
    for k in range(3):
        total += x + k
    return total + len(NAME_{i})


class Class{i}(Base):
    """Docstring of Class{i}."""
    kind = "class{i}"
    weight = {f}

    def __init__(self, v):
        Base.__init__(self, v + {i})
        self.extra = MAPPING_{i}["a"]

    def method(self, k):
        return self.v * k + self.extra + func_{i}(k)

    def describe(self):
        return self.kind + ":" + str(self.v)


REGISTRY.append((func_{i}, Class{i}))


'''

HEADER = '''\
"""Generated module for the chaipy import benchmark (do not edit)."""
import sys

REGISTRY = []


class Base:
    def __init__(self, v):
        self.v = v

    def method(self, k):
        return k


'''

FOOTER = '''\
def checksum():
    acc = 0
    n = 0
    for pair in REGISTRY:
        f = pair[0]
        cls = pair[1]
        obj = cls(n)
        acc = (acc * 31 + f(n) + obj.method(3) + len(obj.describe())) % 1000000007
        n += 1
    return n, acc
'''


def generate(lines):
    block_lines = BLOCK.count("\n")
    count = max(1, (lines - HEADER.count("\n") - FOOTER.count("\n")) // block_lines)
    parts = [HEADER]
    for i in range(count):
        parts.append(BLOCK.format(i=i, i1=i + 1, i2=i * 2, m=(i % 13) + 1,
                                  f=repr(i * 0.5 + 0.25)))
    parts.append(FOOTER)
    return "".join(parts)


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    outdir = sys.argv[1]
    lines = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    os.makedirs(outdir, exist_ok=True)
    text = generate(lines)
    path = os.path.join(outdir, MODULE_NAME + ".py")
    with open(path, "w") as f:
        f.write(text)
    print(path, text.count("\n"))


if __name__ == "__main__":
    main()
