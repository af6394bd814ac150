for i in range(3):
    inner = i * 2
print(i, inner)
if True:
    blockvar = 'visible'
print(blockvar)
while True:
    w = 'while var'
    break
print(w)
try:
    t = 'try var'
    raise ValueError
except ValueError as e:
    ev = 'handled'
print(t, ev)
try:
    print(e)
except NameError as err:
    print("NameError", err)
