# An exception raised while handling another: both tracebacks have carets.
def parse(s):
    try:
        return {"a": 1}[s]
    except KeyError:
        return int(s) + 1


print(parse("a"))
print(parse("zz"))
