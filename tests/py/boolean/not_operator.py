print(not True, not False, not not True, not not 0, not not 'x')
x = [1, 2]
print(not x, not (x and []), not x == [1, 2], (not x) == [1, 2])
print(not 1 in [2], not 1 == 2)
for i in range(5):
    if not i % 2:
        print(i, "even")
    elif not i == 3:
        print(i, "odd not 3")
    else:
        print(i, "three")
