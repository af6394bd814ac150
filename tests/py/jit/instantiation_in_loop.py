# Objects created in a hot loop: __init__ is inlined, attributes are added to the fresh
# instance along its shape transitions; then the class changes under the trace (__init__
# replaced, a property shadowing an attribute, more attributes than the inline slots).
class P:
    def __init__(self, x, y=2):
        self.x = x
        self.y = y


class Many:
    def __init__(self, i):
        self.a = i
        self.b = i + 1
        self.c = i + 2
        self.d = i + 3
        self.e = i + 4
        self.f = i + 5
        self.g = i + 6   # past the inline slots


def run(n):
    total = 0
    kept = []
    for i in range(n):
        p = P(i)
        q = P(p.y, p.x)
        total += p.x * 3 + q.x - q.y
        if i % 500 == 0:
            kept.append(q)
        if i == 1200:
            def init2(self, x, y=5):
                self.x = x * 2
                self.y = y
                self.z = -1
            P.__init__ = init2
        if i == 2000:
            P.y = property(lambda self: 7, lambda self, v: None)
    return total, [(k.x, k.y) for k in kept]


def many(n):
    s = 0
    for i in range(n):
        m = Many(i)
        s += m.a + m.g - m.f
    return s


print(run(3000))
print(many(1500))
print(P(1).x, P(1).y, hasattr(P(1), "z"))
