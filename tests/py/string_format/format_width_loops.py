for i in range(1, 11):
    print(''.join(['%4d' % (i * j) for j in range(1, 11)]))
for w in range(1, 8):
    print(f'|{"x":>{w}}|{"y":<{w}}|{3.5:^{w}.1f}|')
