class A:
    x = 'A.x'
    def f(self):
        return 'A.f'
class B(A):
    y = 'B.y'
class C(A):
    x = 'C.x'
    def f(self):
        return 'C.f'
class D(B, C):
    pass
d = D()
print(d.x, d.y, d.f())
d.x = 'instance'
print(d.x, D.x)
C.x = 'C.x modified'
print(D.x)
del C.f
print(d.f())
B.f = lambda self: 'B.f added later'
print(d.f())
