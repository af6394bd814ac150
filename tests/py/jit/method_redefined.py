# A method called in a hot loop is redefined on the class mid-loop, then replaced by an
# instance attribute holding a function, and then deleted again.
class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, k):
        self.n += k
        return self.n


def bump_twice(self, k):
    self.n += 2 * k
    return self.n


def bump_neg(self, k):
    self.n -= k
    return -self.n


c = Counter()
chk = 0
for i in range(3000):
    chk = (chk + c.bump(i % 7)) % 1000003
    if i == 1000:
        Counter.bump = bump_twice
    if i == 1700:
        Counter.bump = bump_neg
    if i == 2200:
        c.bump = lambda k: 42 + k          # instance attribute wins over the method
    if i == 2600:
        del c.bump                         # back to the class method
    if i % 400 == 0:
        print(i, c.n, chk)
print(c.n, chk)

# A method redefined by a subclass's own definition mid-loop.
class A:
    def f(self):
        return 1


class B(A):
    pass


objs = [A(), B(), B()]
t = 0
for i in range(2400):
    t += objs[i % 3].f()
    if i == 1200:
        B.f = lambda self: 100
    if i == 1800:
        A.f = lambda self: 10
print(t)
