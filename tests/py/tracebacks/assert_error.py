# An assert failure: CPython 3.11 puts the carets under the asserted expression.
def check(n):
    assert n > 0, "n must be positive"
    return n


print(check(2))
check(-1)
