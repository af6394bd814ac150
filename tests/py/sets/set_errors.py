s0 = {1}
for bad in [lambda: {[1]}, lambda: set([[1]]), lambda: {1} + {2}, lambda: s0[0], lambda: {1} < [1]]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print("RuntimeError", e)
