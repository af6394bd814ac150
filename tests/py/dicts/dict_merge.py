a = {'x': 1, 'y': 2}
b = {'y': 20, 'z': 30}
print(a | b, b | a)
c = dict(a)
c |= b
print(c)
print({**a, **b}, {**b, 'w': 0, **a})
def f(**kw):
    return kw
print(f(**a), f(**a, **{'q': 1}))
try:
    f(**a, **{'x': 5})
except TypeError as e:
    print("TypeError", e)
