sq = lambda x: x * x
add = lambda a, b=10: a + b
print(sq(7), add(1), add(1, 2), (lambda: 'no args')(), (lambda *a: len(a))(1, 2, 3))
pairs = [(1, 'b'), (3, 'a'), (2, 'c')]
print(sorted(pairs, key=lambda p: p[1]))
fs = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fs])
compose = lambda f, g: lambda x: f(g(x))
inc_then_sq = compose(sq, lambda x: x + 1)
print(inc_then_sq(4))
print(list(map(lambda x: x % 3, range(10))), list(filter(lambda s: s.startswith('a'), ['ab', 'ba', 'ac'])))
print((lambda x: (lambda y: x * y))(6)(7))
print(sq.__name__)
