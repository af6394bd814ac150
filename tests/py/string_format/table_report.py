rows = [('Alice', 34, 5123.5), ('Bob', 7, 12.25), ('Christina', 101, 1000000.0), ('Dan', 0, -42.125)]
header = '%-10s %5s %14s' % ('Name', 'Age', 'Balance')
print(header)
print('-' * len(header))
for name, age, bal in rows:
    print('%-10s %5d %14.2f' % (name, age, bal))
print('=' * len(header))
for name, age, bal in rows:
    print('{:<10} {:>5} {:>14,.2f}'.format(name, age, bal))
total = sum([r[2] for r in rows])
print(f'{"TOTAL":<10} {len(rows):>5} {total:>14,.2f}')
