def partial(f, *pargs, **pkw):
    def g(*args, **kw):
        allkw = dict(pkw)
        allkw.update(kw)
        return f(*pargs, *args, **allkw)
    return g
def power(base, exp=2, mod=None):
    r = base ** exp
    return r if mod is None else r % mod
sq = partial(power, exp=2)
cube = partial(power, exp=3)
two_to = partial(power, 2)
print(sq(9), cube(3), two_to(10), two_to(100, mod=1000), sq(5, exp=4))
def curry3(f):
    return lambda a: lambda b: lambda c: f(a, b, c)
print(curry3(lambda a, b, c: a * 100 + b * 10 + c)(1)(2)(3))
