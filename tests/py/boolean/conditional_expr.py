for x in [-2, 0, 3]:
    print('neg' if x < 0 else 'zero' if x == 0 else 'pos')
y = 10
z = y * 2 if y > 5 else y / 2
print(z)
f = (lambda n: 'big' if n > 100 else 'small')
print(f(5), f(500))
print([('E' if i % 2 == 0 else 'O') for i in range(6)])
print((1 if True else 0) + (1 if False else 0))
