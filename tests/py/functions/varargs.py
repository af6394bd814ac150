def f(*args):
    return args
print(f(), f(1), f(1, 'a', None), type(f()).__name__)
def g(a, b=2, *rest):
    return a, b, rest
print(g(1), g(1, 3), g(1, 3, 5, 7))
def h(**kw):
    return sorted(kw.items())
print(h(), h(x=1, y=2))
def full(a, b=0, *args, c, d=4, **kwargs):
    return (a, b, args, c, d, kwargs)
print(full(1, c=3))
print(full(1, 2, 3, 4, c=5, d=6, e=7, f=8))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print(total(*range(10)), total(*[1, 2], *(3,), 4))
