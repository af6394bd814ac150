# gen_programs.py --seed 1, program 11
# mode: off
# stdout line 14: python3 "! IndexError cannot fit 'int' into an index-sized integer"
#                 chaipy  '! IndexError string index out of range'
def _c(v):
    # keep stored ints below 10**40 (bigger than 64 bits, far below the int->str digit limit)
    return v if -10**40 < v < 10**40 else v % 1000000000000000000000000000000000000007

try:
    v1 = _c(((2 % {}.get('a', 2147483648)) | ((4 ^ 19) % abs(753894682410547543768))))
except Exception as _ex:
    print('!', type(_ex).__name__, _ex)
    v1 = 13
try:
    v2 = ((list(range(0, 3, 1)) + [ord(_ch) for _ch in 'xyz'[v1]][:6]))[:38]
except Exception as _ex:
    print('!', type(_ex).__name__, _ex)
    v2 = []
class Err3(Exception):
    def __init__(self, code, msg='bad'):
        super().__init__(msg)
        self.code = code
def r4(x):
    if x < 0:
        raise Err3(x, 'negative')
    if x == 0:
        return 1 // x
    if x > 100:
        try:
            [][x]
        except IndexError as ie:
            raise Err3(x) from ie
    return x * 2
try:
    _xs = [pow(v1, 3, -533023450418011049894), abs(-9223372036854775809), pow(v1, 5, 5), v1]
except Exception as _ex:
    print('!', type(_ex).__name__, _ex)
    _xs = [-1, 0, 1, 101]
for _x in _xs:
    try:
        print('ok', r4(_x))
    except Err3 as err:
        print('Err', err.code, err, type(err.__cause__).__name__)
    except ZeroDivisionError as err:
        print('zero', err)
    finally:
        print('after', _x)
def mk5(start, step=3):
    total = start
    hist = []
    def inc(by=step):
        nonlocal total
        total = _c(total - by)
        hist.append(total)
        return total
    def get():
        return total, len(hist)
    return inc, get
try:
    cl6, cl6g = mk5(pow({'3.5': -9223372036854775809, 'café': -6}.get(''.split('s')[10], ord('x,y,z'[2147483647])), 4, (v1 ^ min(()))))
    print(cl6(), cl6(1), cl6(by=v1), cl6g())
except Exception as _ex:
    print('!', type(_ex).__name__, _ex)
fs7 = [lambda: k for k in range(3)]
print([g() for g in fs7])
try:
    if ('中文'.join(([str(_x) for _x in [2147483647, 17, 4, 2147483648]])) > f'<{v1:^9}|{2.5:.3e}|{None!r}>'):
        try:
            print((repr({'über': 2147483648}) + f'<{v1:<6}|{2.5:.2f}|{None!r}>'))
        except Exception as _ex:
            print('!', type(_ex).__name__, _ex)
        try:
            print((0.0 - ((1.5 % v1) ** 0)))
        except Exception as _ex:
            print('!', type(_ex).__name__, _ex)
        try:
            v8 = _c({'back\\slash': 4611686018427387904, 'x,y,z': 73414, 'abc': 0xFFFFFFFFFFFFFFFF}.get(f'<{28529357881924698678:>8}|{abs(1e10):.3e}|{bin(v1)!r}>', ord('αβγ'.split(',')[-5][(v1 << 16)])))
        except Exception as _ex:
            print('!', type(_ex).__name__, _ex)
            v8 = 0
except Exception as _ex:
    print('!!', type(_ex).__name__, _ex)
try:
    v9 = any(v2)
except Exception as _ex:
    print('!', type(_ex).__name__, _ex)
    v9 = True
def g10(n, m=2):
    i = 0
    while i < n:
        v = yield m
        if v is not None:
            i += v
        i += m
    yield from ()
    return 'done'
try:
    print(list(g10(4)))
except Exception as _ex:
    print('!', type(_ex).__name__, _ex)
try:
    print(sum(_x * _x for _x in g10(4) if _x % 2), list(enumerate(g10(2))))
except Exception as _ex:
    print('!', type(_ex).__name__, _ex)
try:
    print(ord('😀'[pow(v1, 0, (v1 - 350569567125916350084))]), v1, sep="q'uote")
except Exception as _ex:
    print('!', type(_ex).__name__, _ex)
def g11(n, m=3):
    i = 0
    while i < n:
        v = yield m
        if v is not None:
            i += v
        i += m
    yield from []
    return 'done'
try:
    print(sum(g11(3, 2)), max(g11(3), default=None))
except Exception as _ex:
    print('!', type(_ex).__name__, _ex)
try:
    print(sum(_x * _x for _x in g11(3) if _x % 2), list(enumerate(g11(1))))
except Exception as _ex:
    print('!', type(_ex).__name__, _ex)
try:
    v2.remove((v1 << 16))
    del v2[30:]
except Exception as _ex:
    print('!', type(_ex).__name__, _ex)
print(v1, v2, v9)
