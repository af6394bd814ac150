s = "  the quick  brown fox  "
print(s.split(), s.split(' '), s.split(None, 1), s.strip().split(' ', 2))
print("a,b,,c".split(','), "a,b,,c".split(',', 1), "a,b,,c".rsplit(',', 1), "abc".split('b'))
print("1-2-3-4".rsplit('-', 2), "".split(), "".split(','), "  ".split(' '))
print("a\tb\nc  d".split(), "x".split('x'))
print('-'.join(['a', 'b', 'c']), ''.join(['x', 'y']), ', '.join([]), ' '.join('abc'))
print('/'.join(map(str, range(5))))
try:
    ''.join([1, 2])
except TypeError as e:
    print("TypeError", e)
try:
    'a'.split('')
except ValueError as e:
    print("ValueError", e)
