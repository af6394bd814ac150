# raise statements: the whole line, so no carets; a raise inside a longer line has carets.
class MyError(Exception):
    pass


def check(n):
    if n > 1: raise MyError("too big: %d" % n)
    return n


print(check(1))
check(5)
