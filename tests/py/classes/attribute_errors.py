class A:
    def __init__(self):
        self.x = 1
a = A()
for name in ['y', 'missing_attr']:
    try:
        getattr(a, name)
    except AttributeError as e:
        print("AttributeError", e)
try:
    a.nope
except AttributeError as e:
    print("AttributeError", e)
try:
    A.nope
except AttributeError as e:
    print("AttributeError", e)
try:
    (5).foo
except AttributeError as e:
    print("AttributeError", e)
try:
    'str'.foo()
except AttributeError as e:
    print("AttributeError", e)
try:
    del a.y
except AttributeError as e:
    print("AttributeError", e)
print(getattr(a, 'y', 'default'), getattr(a, 'x'))
