words = ['pear', 'Pear', 'peach', 'pea', 'PEAR', 'pearl', '']
for a in words:
    print(repr(a), [a < b for b in words])
print('a' < 'b' < 'c', 'abc'.upper() == 'ABC', 'é' > 'z', 'ü' < 'ž')
print(ord('a') < ord('b'), chr(65) == 'A')
