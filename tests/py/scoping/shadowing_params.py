def f(list=None, str='s'):
    if list is None:
        list = []
    list.append(str)
    return list
print(f(), f([1], 'x'))
def g(x):
    x = x * 2
    return x
v = 5
print(g(v), v)
def h(lst):
    lst = lst + [4]
    return lst
orig = [1]
print(h(orig), orig)
def k(lst):
    lst += [4]
    return lst
print(k(orig), orig)
