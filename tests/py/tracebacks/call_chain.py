# An exception raised several calls deep: each frame shows the call being made.
def inner(x):
    return [1, 2][x]


def middle(x):
    y = x + 1
    return inner(y) * 2


def outer(x):
    return middle(x) + middle(x + 1)


print(outer(0))
print(outer(1))
