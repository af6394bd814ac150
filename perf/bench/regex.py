# regex: the _sre matcher on a tokenizer (scanner/finditer), sub with a function, match per
# line, split and findall over generated text.
# argv[1] = number of repetitions of the work unit.
# quick-arg: 1
# The patterns are compiled by CPython's re._compiler (python3 -c, see tests/stdlib/_re/gen_cases.py's
# spec()): the benchmark drives `_sre` directly so it measures the matcher alone.
import sys

import _sre

TOKEN = _sre.compile(*('\\s*(?:(\\d+\\.\\d*|\\d+)|(\\w+)|(==|!=|<=|>=|[-+*/()<>=,:]))', 32, [14, 4, 0, 1, 4294967295, 24, 9, 0, 4294967295, 13, 4, 8, 12, 0, 1, 7, 47, 17, 0, 7, 25, 24, 9, 1, 4294967295, 13, 4, 8, 10, 0, 1, 16, 46, 24, 9, 0, 4294967295, 13, 4, 8, 10, 0, 1, 15, 15, 13, 24, 9, 1, 4294967295, 13, 4, 8, 10, 0, 1, 15, 2, 0, 17, 1, 15, 71, 17, 17, 2, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 3, 15, 54, 52, 17, 4, 7, 7, 16, 61, 16, 61, 15, 38, 7, 16, 33, 16, 61, 15, 31, 7, 16, 60, 16, 61, 15, 24, 7, 16, 62, 16, 61, 15, 17, 15, 13, 11, 9, 0, 1946205952, 0, 0, 0, 0, 0, 0, 0, 15, 2, 0, 17, 5, 15, 2, 0, 1], 3, {}, (None, None, None, None)))
EMAIL = _sre.compile(*('(\\w+)@(\\w+)\\.com', 32, [14, 4, 0, 7, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 1, 16, 64, 17, 2, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 3, 16, 46, 16, 99, 16, 111, 16, 109, 1], 2, {}, (None, None, None)))
ASSIGN = _sre.compile(*('(\\w+)\\s*=\\s*(.*?)\\s*$', 32, [14, 4, 0, 2, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 1, 24, 9, 0, 4294967295, 13, 4, 8, 12, 0, 1, 16, 61, 24, 9, 0, 4294967295, 13, 4, 8, 12, 0, 1, 17, 2, 26, 5, 0, 4294967295, 2, 1, 17, 3, 24, 9, 0, 4294967295, 13, 4, 8, 12, 0, 1, 6, 5, 1], 2, {}, (None, None, None)))
SEP = _sre.compile(*('[,;]\\s*', 32, [14, 9, 4, 1, 4294967295, 16, 44, 16, 59, 0, 13, 6, 16, 44, 16, 59, 0, 24, 9, 0, 4294967295, 13, 4, 8, 12, 0, 1, 1], 0, {}, (None,)))
WORD = _sre.compile(*('\\b[a-z]\\w*\\b', 32, [14, 4, 0, 1, 4294967295, 6, 10, 13, 5, 22, 97, 122, 0, 24, 9, 0, 4294967295, 13, 4, 8, 14, 0, 1, 6, 10, 1], 0, {}, (None,)))
CALL = _sre.compile(*('(?P<name>[A-Za-z_]\\w*)\\((?P<args>[^()]*)\\)', 32, [14, 14, 4, 3, 4294967295, 9, 0, 0, 2281701374, 134217726, 0, 0, 0, 0, 0, 17, 0, 13, 11, 9, 0, 0, 2281701374, 134217726, 0, 0, 0, 0, 0, 24, 9, 0, 4294967295, 13, 4, 8, 14, 0, 1, 17, 1, 16, 40, 17, 2, 24, 11, 0, 4294967295, 13, 6, 21, 22, 40, 41, 0, 1, 17, 3, 16, 41, 1], 2, {'name': 1, 'args': 2}, (None, 'name', 'args')))


def make_text(n):
    lines = []
    for i in range(n):
        k = i % 7
        if k == 0:
            lines.append("x%d = (a%d + %d.5) * foo(b, c%d) >= 10" % (i, i % 13, i, i % 5))
        elif k == 1:
            lines.append("contact user%d@host%d.com, or admin%d@example.com; thanks" % (i, i % 17, i))
        elif k == 2:
            lines.append("total_%d=  sum(values, %d)  " % (i, i))
        elif k == 3:
            lines.append("the quick brown fox %d jumps over the lazy dog; again, and again" % i)
        else:
            lines.append("if (n%d != %d) call(x, y%d) else stop()" % (i, i * 3, i))
    return lines


def work(lines, text):
    acc = 0
    kinds = [0, 0, 0, 0]
    for m in TOKEN.finditer(text):
        kinds[m.lastindex or 0] += 1
    acc += kinds[1] * 3 + kinds[2] * 5 + kinds[3] * 7
    swapped = EMAIL.sub(lambda m: m.group(2) + "@" + m.group(1) + ".org", text)
    acc += len(swapped)
    for line in lines:
        m = ASSIGN.match(line)
        if m:
            acc += len(m.group(1)) + len(m.group(2))
        acc += len(SEP.split(line))
    acc += len(WORD.findall(text))
    for m in CALL.finditer(text):
        acc += len(m.group("args"))
    return acc


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    lines = make_text(20000)
    text = "\n".join(lines)
    total = 0
    for _ in range(reps):
        total += work(lines, text)
    print(total)


main()
