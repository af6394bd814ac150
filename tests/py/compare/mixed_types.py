print(1 == 1.0, 1 == True, 0 == False, 1 == '1', None == 0, [] == (), '' == b''.decode())
print(2 < 2.5, True < 2, -1 < False)
for a, b in [(1, 'a'), ([], ()), ('a', None), ({}, {})]:
    try:
        print(a < b)
    except TypeError as e:
        print("TypeError", e)
print(1 != 'x', 'x' != 'x', [1] != [1.0])
