print((), (1,), ('a',), (None, True), ((),), ((1,),), (1.5, -0.0), ('x', "y'z"))
print(str((1, 2)), repr((1, 'a')), tuple([[1], [2]]))
print([(i, chr(97 + i)) for i in range(3)])
print(tuple([x * 2 for x in range(3)]))
