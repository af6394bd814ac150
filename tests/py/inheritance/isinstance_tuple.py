class A: pass
class B(A): pass
class C: pass
objs = [A(), B(), C(), 1, 'x', 2.5, [1], None, True]
for o in objs:
    print(type(o).__name__, isinstance(o, A), isinstance(o, (B, C)), isinstance(o, (int, str)), isinstance(o, (list, (float, type(None)))))
print(issubclass(B, (C, A)), issubclass(bool, int), issubclass(int, object), issubclass(type, object))
print(isinstance(A, type), isinstance(int, type), type(A).__name__, type(type).__name__)
