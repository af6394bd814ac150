def outer():
    v = 1
    def get():
        return v
    def set_(n):
        nonlocal v
        v = n
    return get, set_
get, set_ = outer()
print(get()); set_(42); print(get())
get2, set2 = outer()
print(get2(), get())
def make_adders():
    return [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in make_adders()])
def deferred():
    fs = []
    for k in range(3):
        def f(k=k):
            return k * k
        fs.append(f)
    return fs
print([f() for f in deferred()])
