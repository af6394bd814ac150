def range_iter(n):
    i = -1
    def nxt():
        nonlocal i
        i += 1
        if i >= n:
            return None
        return i
    return nxt
it = range_iter(4)
out = []
v = it()
while v is not None:
    out.append(v)
    v = it()
print(out)
def fib_stream():
    a, b = 0, 1
    def nxt():
        nonlocal a, b
        r = a
        a, b = b, a + b
        return r
    return nxt
f = fib_stream()
print([f() for _ in range(15)])
