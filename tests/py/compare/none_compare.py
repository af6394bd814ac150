vals = [None, 0, False, '', [], None]
print([v is None for v in vals])
print([v == None for v in vals])
print(vals.count(None), vals.index(None))
try:
    print(None < 1)
except TypeError as e:
    print("TypeError", e)
print(None == None, None != None)
