class A:
    def __repr__(self):
        return 'A()'
class B:
    def __str__(self):
        return 'B-str'
    def __repr__(self):
        return 'B-repr'
class C:
    def __str__(self):
        return 'C-str only'
print(A(), str(A()), repr(A()), [A()], f'{A()}', '%s %r' % (A(), A()))
print(B(), str(B()), repr(B()), [B()], f'{B()!r}', (B(),))
print(C(), str(C()), [str(C())])
print(repr(C()).startswith('<__main__.C object at '))
