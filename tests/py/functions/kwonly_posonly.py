def f(a, b, /, c, *, d):
    return a, b, c, d
print(f(1, 2, 3, d=4), f(1, 2, c=3, d=4))
for call in [lambda: f(1, b=2, c=3, d=4), lambda: f(1, 2, 3, 4), lambda: f(1, 2, 3)]:
    try:
        call()
    except TypeError as e:
        print("TypeError", e)
def kw(*, x=1, y):
    return x + y
print(kw(y=5), kw(x=2, y=3))
try:
    kw(1, 2)
except TypeError as e:
    print("TypeError", e)
