# exec/eval of a closure's code object: its free variables cannot be supplied, so CPython refuses
# it (eval and exec word it differently); code without free variables runs.
def make(x):
    return lambda: x + 1


g = make(3)
for fn, args in ((eval, ()), (exec, ({},)), (eval, ({}, {}))):
    try:
        fn(g.__code__, *args)
        print("ran")
    except TypeError as e:
        print(fn.__name__, "TypeError:", e)


def outer():
    a = 1
    b = 2

    def inner():
        return a + b

    return inner


try:
    exec(outer().__code__, {})
except TypeError as e:
    print("TypeError:", e)

plain = lambda: 41 + 1
print(eval(plain.__code__), exec(plain.__code__, {}))
