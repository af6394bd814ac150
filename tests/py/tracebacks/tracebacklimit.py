# sys.tracebacklimit keeps only the innermost entries.
import sys
sys.tracebacklimit = 2


def a():
    return b() + 1


def b():
    return c() * 2


def c():
    return [][0]


a()
