# The Permute benchmark's shape (issue 11): a method that calls itself before and inside
# `for i in range(n1, -1, -1):`, with a swap helper method.
class Permute:
    def __init__(self):
        self.count = 0
        self.v = None

    def permute(self, n):
        self.count += 1
        if n != 0:
            n1 = n - 1
            self.permute(n1)
            for i in range(n1, -1, -1):
                self.swap(n1, i)
                self.permute(n1)
                self.swap(n1, i)

    def swap(self, i, j):
        tmp = self.v[i]
        self.v[i] = self.v[j]
        self.v[j] = tmp

    def benchmark(self):
        self.count = 0
        self.v = [0, 1, 2, 3, 4, 5]
        self.permute(6)
        return self.count


total = 0
for it in range(30):
    total += Permute().benchmark()
print("ok", total)


# A method recursing in a loop and returning values through self and through the return.
class Walker:
    def __init__(self, fan):
        self.fan = fan
        self.seen = 0

    def walk(self, depth, path):
        self.seen += 1
        if depth == 0:
            return path % 7
        s = self.walk(depth - 1, path * 2)
        for i in range(self.fan):
            s += self.walk(depth - 1, path * 3 + i)
        return s


w = Walker(2)
print("walk", [w.walk(d, 1) for d in range(7)], w.seen)


# Recursion through a subclass method that calls the base method in its loop.
class Base:
    def count(self, n):
        return 1 if n <= 0 else self.step(n)

    def step(self, n):
        return n


class Derived(Base):
    def step(self, n):
        s = 0
        for i in range(2):
            s += self.count(n - 1 - i)
        return s + 1


print("derived", [Derived().count(k) for k in range(14)])
