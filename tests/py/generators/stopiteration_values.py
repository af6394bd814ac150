# next() raises the StopIteration carrying a generator return value or a user __next__ value.
def g():
    yield 1
    return "done"
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print("!", type(e).__name__, e, e.value, e.args)
def h():
    return 5
    yield
try:
    next(h())
except StopIteration as e:
    print(e.value)
class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 2: raise StopIteration("fin")
        return self.n
i = It()
print(next(i), next(i), next(i, "dflt"))
try: next(It().__iter__()); x = It(); next(x); next(x); next(x)
except StopIteration as e: print("SI", e.value)
print(list(It()))
g2 = (x for x in [1])
print(next(g2), next(g2, "end"))
