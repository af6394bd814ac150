a = 1
b = [1, 2, 3]
d = {'k': 'v', 'j': 'w'}
del a
del b[0]
del d['k']
print(b, d)
try:
    print(a)
except NameError as e:
    print("NameError", e)
class O: pass
o = O()
o.attr = 5
del o.attr
print(hasattr(o, 'attr'))
x, y = 1, 2
del x, y
for name in ['x', 'y']:
    try:
        print(x if name == 'x' else y)
    except NameError as e:
        print("NameError", e)
