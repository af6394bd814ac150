total = 0
def outer():
    total = 'outer local'
    def inner():
        global total
        total += 100
    inner()
    return total
print(outer(), total)
a = 1
def f():
    global a
    def g():
        return a
    a = 2
    return g()
print(f(), a)
