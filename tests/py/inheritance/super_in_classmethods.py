class A:
    def greet(self, x):
        return 'A greets ' + x
class B(A):
    def greet(self, x):
        r = super().greet(x)
        return r.upper()
class C(B):
    def greet(self, x):
        return [super().greet(x), A.greet(self, x)]
print(C().greet('you'))
class Stack(list):
    def push(self, v):
        super().append(v)
    def append(self, v):
        raise RuntimeError('use push')
s = Stack()
s.push(1); s.push(2)
print(s)
try:
    s.append(3)
except RuntimeError as e:
    print('RuntimeError', e)
