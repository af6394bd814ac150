# An exception raised deep inside a function that recurses in its own loop, once the JIT has
# compiled the loop, the function and their side traces: every frame appears once, in order.
def f(n, k):
    t = 1
    if n != 0:
        for i in range(n):
            t += f(n - 1, k)
    elif k == 0:
        raise ValueError("deep")
    return t


for it in range(300):
    f(4, 1)
f(3, 0)
