def trace(f):
    def wrapper(*args, **kwargs):
        print('call', f.__name__, args, sorted(kwargs.items()))
        r = f(*args, **kwargs)
        print('return', r)
        return r
    return wrapper
@trace
def add(a, b=0):
    return a + b
add(1, 2)
add(5, b=6)
def repeat(n):
    def deco(f):
        def w(*a):
            return [f(*a) for _ in range(n)]
        return w
    return deco
@repeat(3)
def hello(name):
    return 'hi ' + name
print(hello('z'))
calls = {}
def count(f):
    def w(*a):
        calls[f.__name__] = calls.get(f.__name__, 0) + 1
        return f(*a)
    return w
@count
@trace
def mul(a, b):
    return a * b
mul(2, 3); mul(4, 5)
print(calls)
