def f():
    return g_undefined()
print('calling')
f()
