# SyntaxErrors of except*, through compile().
cases = [
    "try:\n    pass\nexcept* ValueError:\n    pass\nexcept TypeError:\n    pass\n",
    "try:\n    pass\nexcept ValueError:\n    pass\nexcept* TypeError:\n    pass\n",
    "try:\n    pass\nexcept*:\n    pass\n",
    "def f():\n    try:\n        pass\n    except* ValueError:\n        return 1\n",
    "for i in x:\n    try:\n        pass\n    except* ValueError:\n        break\n",
    "for i in x:\n    try:\n        pass\n    except* ValueError:\n        continue\n",
    "try:\n    pass\nexcept* ValueError:\n    for i in x:\n        break\n",
    "try:\n    pass\nexcept* ValueError:\n    def f():\n        return 1\n",
    "try:\n    pass\nexcept* (ValueError, TypeError) as e:\n    pass\nelse:\n    pass\nfinally:\n    pass\n",
    "try:\n    pass\nexcept* ValueError, TypeError:\n    pass\n",
]
for src in cases:
    try:
        compile(src, "<test>", "exec")
        print("compiled:", repr(src))
    except SyntaxError as e:
        print("%s: %s (line %s, offset %s-%s)" % (type(e).__name__, e.msg, e.lineno, e.offset, e.end_offset))
