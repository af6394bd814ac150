# Traces guard on object identity (an inlined function, a class, a shape). When such an object
# dies and a new one is allocated at the same address, the guard must still fail: traces keep
# the objects they name alive. Garbage is churned so the collector really runs in between.


def make(k):
    if k % 2:
        return lambda x: x + k
    return lambda x: x * 3


def make_class(k):
    if k % 2:
        class C:
            def __init__(self, v):
                self.a = v

            def get(self):
                return self.a + 1
    else:
        class C:
            def __init__(self, v):
                self.b = v
                self.a = -v

            def get(self):
                return self.a * 2
    return C


def churn():
    return [[j] for j in range(300)]


def main():
    fs = [make(1)]
    s = 0
    for i in range(30000):
        s += fs[0](i)
        if i % 50 == 0:
            fs[0] = None
            junk = churn()
            fs[0] = make(i // 50)
    print("functions", s)

    cls = [make_class(1)]
    t = 0
    for i in range(30000):
        t += cls[0](i).get()
        if i % 40 == 0:
            cls[0] = None
            junk = churn()
            cls[0] = make_class(i // 40)
    print("classes", t)


main()
