tests = ['123', 'abc', 'abc123', '', ' ', '\t\n', 'ABC', 'Abc', 'Hello World', 'hello World', '12.5', '-1', 'a b', 'ÀÉ']
for t in tests:
    print(repr(t), t.isdigit(), t.isalpha(), t.isalnum(), t.isspace(), t.isupper(), t.islower(), t.istitle())
