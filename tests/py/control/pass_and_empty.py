def nothing():
    pass
print(nothing())
class Empty:
    pass
print(type(Empty()).__name__)
for _ in range(3):
    pass
if True:
    pass
else:
    pass
while False:
    pass
def docstring_only():
    "just a docstring"
print(docstring_only(), docstring_only.__doc__)
...
print(..., Ellipsis is ...)
