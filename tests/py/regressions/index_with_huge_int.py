# chaipy bug found by gen_programs.py (seed 1, programs 31, 33, 34, ...; minimised by hand).
# Fixed in ff6fae6 ("huge indices raise 'cannot fit'"); kept as a regression check.
# Indexing a sequence with an int that does not fit in a Py_ssize_t raises
# IndexError("cannot fit 'int' into an index-sized integer") in CPython; chaipy reports
# "list index out of range" / "string index out of range".
for seq in ([1, 2], 'ab', (1, 2)):
    for i in (2**64, -2**70, 2**63):
        try:
            seq[i]
        except IndexError as e:
            print(type(seq).__name__, e)
