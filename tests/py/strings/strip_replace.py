s = "xx--hello--xx"
print(s.strip('x'), s.strip('x-'), s.lstrip('x'), s.rstrip('-x'), '  pad  '.strip(), '\t\n x \r\n'.strip())
print(repr('  a  '.lstrip()), repr('  a  '.rstrip()))
print('aaa'.replace('a', 'b'), 'aaa'.replace('a', 'b', 2), 'abcabc'.replace('bc', ''), 'abc'.replace('', '-'))
print('hello world'.replace('o', '0').replace('l', '1'))
print('mississippi'.replace('ss', 'SS'), 'mississippi'.replace('issi', 'X'))
