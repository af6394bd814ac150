# Native recursion over deep data counts against the recursion limit (RecursionError, as CPython).
def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except RecursionError as e:
        print(label, "RecursionError:", e)

a = []
b = []
for i in range(200000):
    a = [a]
    b = [b]
attempt("list ==", lambda: a == b)
attempt("list <", lambda: a < b)
attempt("list repr", lambda: repr(a))
attempt("list str", lambda: str(a))
t = ()
for i in range(200000):
    t = (t,)
attempt("tuple repr", lambda: repr(t))
attempt("tuple ==", lambda: t == t[0])
d = {}
for i in range(200000):
    d = {1: d}
attempt("dict repr", lambda: repr(d))
attempt("dict ==", lambda: d == {1: d[1]})

class Eq:
    def __eq__(self, other):
        return self == other
attempt("user __eq__", lambda: Eq() == Eq())

def down(n):
    if n == 0:
        return [[1]] == [[1]]
    return down(n - 1)
for n in (900, 990, 994, 995, 996, 997, 998):
    try:
        print(n, down(n))
    except RecursionError as e:
        print(n, "RecursionError:", e)
