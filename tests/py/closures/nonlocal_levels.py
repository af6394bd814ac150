def outer():
    x = 'outer'
    def middle():
        def inner():
            nonlocal x
            x = 'set by inner'
        inner()
        return x
    r = middle()
    return r, x
print(outer())
def f():
    a = 1
    def g():
        a = 2
        def h():
            nonlocal a
            a += 10
            return a
        return h(), a
    return g(), a
print(f())
def swap_state():
    state = [0, 1]
    def step():
        nonlocal state
        state = [state[1], state[0] + state[1]]
        return state[0]
    return step
s = swap_state()
print([s() for _ in range(10)])
