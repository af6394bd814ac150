# Recursion of many shapes under function traces: mutual recursion, a recursive closure (its
# COPY_FREE_VARS read from each call's function), keyword-only recursion, recursive generators,
# Hanoi (recursion for side effects), a recursive call inside a comprehension.
def is_even(n):
    return True if n == 0 else is_odd(n - 1)

def is_odd(n):
    return False if n == 0 else is_even(n - 1)

def make():
    def rec(n):
        return 0 if n <= 0 else rec(n - 1) + n
    return rec

def kw(n, *, step=1):
    return 0 if n <= 0 else kw(n - step, step=step) + 1

def gen(n):
    if n > 0:
        yield n
        yield from gen(n - 1)

def hanoi(n, a, b, c, moves):
    if n == 0:
        return
    hanoi(n - 1, a, c, b, moves)
    moves.append((a, c))
    hanoi(n - 1, b, a, c, moves)

def power_set(xs):
    if not xs:
        return [[]]
    rest = power_set(xs[1:]) if False else power_set(xs[:-1])
    return rest + [r + [xs[-1]] for r in rest]

r = make()
t = 0
for i in range(200):
    t += is_even(i % 37) + is_odd(i % 23) * 2
    t += r(i % 30)
    t += kw(i % 20, step=2)
    t += sum(gen(i % 10))
print(t)
m = []
hanoi(12, "a", "b", "c", m)
print(len(m), m[:3], m[-1])
print(len(power_set(list(range(10)))))
