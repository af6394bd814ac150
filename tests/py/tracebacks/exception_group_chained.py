# A group raised while handling another exception, with a cause inside a sub-exception.
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError("cannot parse %r" % s) from e


errors = []
for s in ["1", "x", "2", "y"]:
    try:
        parse(s)
    except RuntimeError as e:
        errors.append(e)
try:
    {}["missing"]
except KeyError:
    raise ExceptionGroup("parse errors", errors)
