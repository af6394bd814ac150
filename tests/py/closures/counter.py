def make_counter(start=0):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c1 = make_counter()
c2 = make_counter(100)
print(c1(), c1(), c1(5), c2(), c1(), c2(-50))
def make_acc():
    total = []
    def add(x):
        total.append(x)
        return sum(total)
    return add
a = make_acc()
print(a(1), a(2), a(3))
