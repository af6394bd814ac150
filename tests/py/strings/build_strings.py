parts = []
for i in range(10):
    parts.append(str(i * i))
print(','.join(parts))
s = ''
for i in range(20):
    s += chr(ord('a') + i % 26)
print(s, len(s))
acc = ''
for w in ['alpha', 'beta', 'gamma']:
    acc = acc + w[0].upper() + w[1:] + ' '
print(repr(acc.rstrip()))
print('=' * 30)
line = ''
for row in range(4):
    line += '#' * row + '.' * (4 - row) + '\n'
print(line, end='')
