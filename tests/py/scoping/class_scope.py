class A:
    n = 5
    doubled = [n * 2]
    squares = [i * i for i in range(3)]
    def get(self):
        return self.n
print(A.doubled, A.squares, A().get())
y = 'module'
class B:
    y = 'class'
    items = [y for _ in range(2)]
print(B.items)
def f():
    z = 'func'
    class Inner:
        w = z + '!'
        def m(self):
            return z
    return Inner
I = f()
print(I.w, I().m())
