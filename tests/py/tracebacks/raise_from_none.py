# raise ... from None hides the context.
def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise LookupError("no " + k) from None


lookup({}, "key")
