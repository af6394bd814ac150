def f(a, b, c=0, d=0):
    return [a, b, c, d]
args = (1, 2)
kwargs = {'c': 3, 'd': 4}
print(f(*args), f(*args, **kwargs), f(*[9, 8, 7, 6]), f(1, *[2], **{'d': 5}))
print(f(**{'a': 'x', 'b': 'y'}), f(*'ab'), f(*range(2), d=1))
print(*[1, 2, 3], sep=', ')
print(max(*[4, 9, 2]), min(*'hello'))
def show(*a, **k):
    print(a, sorted(k.items()))
show(*(1, 2), 3, *[4], x=1, **{'y': 2}, z=3)
