n = 0
while n < 5:
    n += 1
else:
    print('while completed, n =', n)
n = 0
while n < 5:
    if n == 3:
        print('break at', n)
        break
    n += 1
else:
    print('not printed')
while False:
    pass
else:
    print('else of never-entered while')
i = 10
while i:
    i -= 3 if i > 3 else i
print('i =', i)
