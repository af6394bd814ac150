print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 'x', '' or [], [] and 5)
print('a' and 'b' and 'c', 'a' and '' and 'c', '' or 0 or None, 0 or '' or 'last')
print(None and undefined_name if False else 'skipped')
def side(x):
    print("side", x)
    return x
print(side(0) and side(1))
print(side(1) or side(2))
print(side(1) and side(0) or side(3))
print(not 0, not 1, not '', not 'a', not None, not [], not [0])
x = 5
print(x > 3 and x < 10, x < 3 or x > 4, not x == 5)
