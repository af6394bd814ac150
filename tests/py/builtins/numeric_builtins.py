print(abs(-5), abs(5.5), abs(-0.0), abs(True), abs(-(10 ** 20)))
print(min(3, 1, 2), max(3, 1, 2), min([5, 3]), max('abc'), min((2, 'b'), (2, 'a')))
print(min([], default=None), max([], default=0), max([1, -5, 3], key=abs), min(['bb', 'a', 'ccc'], key=len))
print(sum([1, 2, 3]), sum([1.5, 2.5]), sum([], 10), sum(range(101)), sum([[1], [2]], []))
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(12345, -2), round(0.5 + 1e-9))
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), pow(2, 8), pow(2, 8, 10), pow(2.0, -1), pow(9, 0.5))
print(int('12'), float('1.5'), int(2.9), float(3), bool(2), str(12))
try:
    max([])
except ValueError as e:
    print('ValueError', e)
try:
    min(1)
except TypeError as e:
    print('TypeError', e)
