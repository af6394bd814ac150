# String literal forms
print('single', "double", '''triple single''', """triple double""")
print('it\'s', "say \"hi\"", 'mixed "quotes"', "mixed 'quotes'")
print('abc' 'def' "ghi")
s = ('implicit '
     'concatenation '
     "across lines")
print(s)
t = """line one
line two
    indented line"""
print(t)
print(len(t), t.count('\n'))
print(r'raw \n string', R"raw \t too")
print(repr(r'\d+\.\d*'))
print('')
print(repr(''), repr(""), repr(''''''))
