s = "hello world, hello python"
print(s.find('hello'), s.find('hello', 1), s.find('xyz'), s.rfind('hello'), s.rfind('o'), s.find(''), s.rfind(''))
print(s.index('world'), s.rindex('l'), s.find('o', 5, 10), s.find('o', 10, 12), s.find('h', -6))
print(s.count('o'), s.count('hello'), s.count('l', 0, 5), s.count(''), 'aaaa'.count('aa'))
print(s.startswith('hello'), s.startswith('world', 6), s.endswith('python'), s.endswith(('x', 'on')), s.startswith(('a', 'h')))
try:
    s.index('zzz')
except ValueError as e:
    print("ValueError", e)
try:
    s.rindex('zzz')
except ValueError as e:
    print("ValueError", e)
