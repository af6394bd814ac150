# chaipy bug found by gen_programs.py (seed 1, programs 47 and 59; minimised by hand).
# Fixed in ff6fae6 ("next() carries StopIteration values"); kept as a regression check.
# A generator's `return value` must become StopIteration(value) when next() exhausts it.
# python3: "StopIteration('done') ('done',) done done"
# chaipy : "StopIteration() () None " (value and args lost)
def g():
    yield 1
    return 'done'
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print(repr(e), e.args, e.value, str(e))
