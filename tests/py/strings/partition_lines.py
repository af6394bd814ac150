print('key=value=x'.partition('='), 'novalue'.partition('='), 'a.b.c'.rpartition('.'), 'abc'.rpartition('x'))
text = "line1\nline2\r\nline3\rline4\n\nline6"
print(text.splitlines())
print(text.splitlines(True))
print("".splitlines(), "one".splitlines(), "trailing\n".splitlines())
for i, line in enumerate("a\nbb\nccc".splitlines()):
    print(i, line, len(line))
