# Decimal int literals longer than sys.get_int_max_str_digits() are a SyntaxError at compile time
# (line, no column); hex/octal, float and imaginary literals are not limited.
import sys
for src in ['x = 1_' + '1' * 4299, 'x = 1_' + '1' * 4300, 'x = ' + '1' * 4301 + 'j', 'x = ' + '1' * 4301 + '.0',
            'x = 0x' + 'f' * 5000, 'x = 0o' + '7' * 5000, 'x = (1,\n  ' + '2' * 4400 + ')']:
    try:
        code = compile(src, 'lit', 'exec')
        ns = {}
        exec(code, ns)
        print('ok', type(ns['x']).__name__)
    except SyntaxError as e:
        print(type(e).__name__, e.lineno, e.offset, e.end_lineno, e.end_offset, e.msg)
sys.set_int_max_str_digits(640)
try:
    eval('1' * 641)
except SyntaxError as e:
    print(e.msg)
print(eval('1' * 640) % 7)
sys.set_int_max_str_digits(0)
print(eval('1' * 9000) % 7)
