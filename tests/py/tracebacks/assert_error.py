# An assert failure: the whole statement, so no carets.
def check(n):
    assert n > 0, "n must be positive"
    return n


print(check(2))
check(-1)
