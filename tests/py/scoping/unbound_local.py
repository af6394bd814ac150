x = 10
def f():
    print(x)
    x = 5
try:
    f()
except UnboundLocalError as e:
    print("UnboundLocalError", e)
def g():
    if False:
        y = 1
    return y
try:
    g()
except UnboundLocalError as e:
    print("UnboundLocalError", e)
print(issubclass(UnboundLocalError, NameError))
def h():
    z = 1
    del z
    return z
try:
    h()
except NameError as e:
    print(type(e).__name__, e)
