# NameError in a nested function: the enclosing function's variable is a cell, not a
# local of the inner function, so CPython suggests from the inner frame's names only.
def outer():
    value = 1
    def inner(valve):
        return valeu
    return inner(value)


outer()
