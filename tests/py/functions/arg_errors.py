def f(a, b=1):
    return a + b
calls = [lambda: f(), lambda: f(1, 2, 3), lambda: f(1, c=2), lambda: f(1, a=2), lambda: f(b=2)]
for c in calls:
    try:
        c()
    except TypeError as e:
        print("TypeError", e)
def g(*, key):
    return key
try:
    g()
except TypeError as e:
    print("TypeError", e)
try:
    len()
except TypeError as e:
    print("TypeError", e)
try:
    f(**{1: 2})
except TypeError as e:
    print("TypeError", e)
