print(int('42'), int(' 42 '), int('-17'), int('+8'), int('\t99\n'))
print(int('1_000'), int('0'), int('-0'), int('007'))
print(int('ff', 16), int('FF', 16), int('0xff', 16), int('0xff', 0), int('0o17', 0), int('0b101', 0))
print(int('z', 36), int('zz', 36), int('101', 2), int('777', 8), int('12', 3))
print(int('123456789012345678901234567890'))
print(int(3.99), int(-3.99), int(True), int(False), int(1e20))
print(int(), int('  -  5'.replace(' ', '')))
for s in ['abc', '', '1.5', '12a', ' ', '0x10']:
    try:
        print(int(s))
    except ValueError as e:
        print("ValueError", e)
try:
    int('9', 8)
except ValueError as e:
    print("ValueError", e)
