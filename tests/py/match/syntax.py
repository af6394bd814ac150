# SyntaxErrors of match statements, through compile(): message and location as CPython reports.
cases = [
    "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case [a, a]:\n        pass\n",
    "match x:\n    case {'k': a, 'j': a}:\n        pass\n",
    "match x:\n    case [a] | b:\n        pass\n",
    "match x:\n    case [a] | [b]:\n        pass\n",
    "match x:\n    case (a, b) | (a, c):\n        pass\n",
    "match x:\n    case [*a, *b]:\n        pass\n",
    "match x:\n    case {'a': 1, 'a': 2}:\n        pass\n",
    "match x:\n    case {1: 1, 1.0: 2}:\n        pass\n",
    "match x:\n    case P(a=1, a=2):\n        pass\n",
    "match x:\n    case P(a=1, 2):\n        pass\n",
    "match x:\n    case 1 as _:\n        pass\n",
    "match x:\n    case 1 as 2:\n        pass\n",
    "match x:\n    case f'{x}':\n        pass\n",
    "match x:\n    case 1 + 1:\n        pass\n",
    "match x:\n    case 1j + 1j:\n        pass\n",
    "match x:\n    case a | _:\n        pass\n",
    "match x:\n    case __debug__:\n        pass\n",
    "match x:\ncase 1:\n    pass\n",
    "match x:\n    case 1:\n    pass\n",
    "match x:\n    case 1:\n        pass\n    case a.b(c) as d if e:\n        pass\n",
    "match x:\n    case _ if x:\n        pass\n    case 2:\n        pass\n",
    "match x:\n    case [a, b, *c] | [a, *c, b]:\n        pass\n",
]
for src in cases:
    try:
        compile(src, "<test>", "exec")
        print("compiled:", repr(src))
    except SyntaxError as e:
        print("%s: %s (line %s, offset %s-%s)" % (type(e).__name__, e.msg, e.lineno, e.offset, e.end_offset))
