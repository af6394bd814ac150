class Adder:
    def __init__(self, n):
        self.n = n
        self.calls = 0
    def __call__(self, x, *rest, scale=1):
        self.calls += 1
        return (x + self.n + sum(rest)) * scale
add5 = Adder(5)
print(add5(1), add5(1, 2, 3), add5(1, scale=10), add5.calls, callable(add5), callable(Adder))
print(list(map(add5, [10, 20])))
class Poly:
    def __init__(self, *coef):
        self.coef = coef
    def __call__(self, x):
        r = 0
        for c in self.coef:
            r = r * x + c
        return r
p = Poly(1, -3, 2)
print([p(x) for x in range(5)])
