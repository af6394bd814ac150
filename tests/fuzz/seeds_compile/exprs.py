a = [*range(3), *'ab'] + [x for x in (1, 2) for y in 'ab' if x if y]
b = {**{}, 1: 2}; c = {1, *a}; d = (yield_ := 3)
e = not a or b and c if d else lambda *a, **k: ...
f = a[1:2, ::3, ...] ; g = -~+1 ** -2 // 3 @ 4 % 5 << 6 >> 7 & 8 ^ 9 | 10
h = 1 < 2 <= 3 != 4 is not None in a not in b
i = 0x_FF + 0o7_7 + 0b1_0 + 1_000.5e-3j + 1e309 + 123456789012345678901234567890
def gen(): x = yield; yield from gen(); return x
@deco(1)
@other.attr
class C(Base, metaclass=M, **kw): '''doc'''
