def apply(f, *args):
    return f(*args)
def double(x):
    return 2 * x
ops = {'double': double, 'neg': lambda x: -x, 'abs': abs, 'str': str}
for name in sorted(ops):
    print(name, apply(ops[name], -21))
funcs = [double, len, str.upper]
print(funcs[0](4), funcs[1]('abc'), funcs[2]('x'))
def make_multiplier(n):
    def mul(x):
        return x * n
    return mul
times3 = make_multiplier(3)
print(times3(5), make_multiplier('ab')(2))
print(callable(double), callable(5), double.__name__, type(double).__name__)
double.attr = 'custom'
print(double.attr)
