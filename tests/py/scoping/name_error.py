try:
    print(undefined_variable)
except NameError as e:
    print("NameError", e)
def f():
    return also_undefined + 1
try:
    f()
except NameError as e:
    print("NameError", e)
x = 1
del x
try:
    x
except NameError as e:
    print("NameError", e)
try:
    del never_existed
except NameError as e:
    print("NameError", e)
