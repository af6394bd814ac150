# chaipy bug found by gen_programs.py (seed 20, programs 66 and 70; minimised by hand).
# Argument-less str methods accept (and ignore) extra positional arguments in chaipy.
# python3: "TypeError str.isupper() takes no arguments (1 given)" (likewise for the others)
# chaipy : "False" / "True" and no error
for m in ('isupper', 'isalpha', 'isspace', 'isdigit', 'upper', 'strip'):
    try:
        print(m, getattr('abc', m)('x', 'y') if m == 'strip' else getattr('abc', m)('x'))
    except TypeError as e:
        print(m, 'TypeError', e)
