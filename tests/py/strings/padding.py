print(repr('42'.zfill(5)), repr('-42'.zfill(5)), repr('+7'.zfill(4)), repr('abc'.zfill(2)))
print(repr('hi'.center(6)), repr('hi'.center(7)), repr('hi'.center(7, '*')), repr('odd'.center(6, '-')))
print(repr('x'.ljust(4)), repr('x'.rjust(4)), repr('x'.ljust(4, '.')), repr('x'.rjust(4, '0')), repr('long'.ljust(2)))
for n in [1, 22, 333, 4444]:
    print(str(n).rjust(6), '|', str(n).ljust(6), '|', str(n).center(6), '|')
