t = (1, 2, 3)
print(t, t[0], t[-1], len(t), t[1:], t[::-1])
print((), (1,), (1, 2), tuple(), tuple([1, 2]), tuple('ab'), tuple(range(3)))
single = 5,
print(single, type(single).__name__)
print(t + (4,), t * 2, 2 * (0,), 3 in t, 9 not in t)
print(t.index(2), t.count(2), (1, 1, 1).count(1))
try:
    t[0] = 9
except TypeError as e:
    print("TypeError", e)
try:
    t[5]
except IndexError as e:
    print("IndexError", e)
try:
    t.index(99)
except ValueError as e:
    print("ValueError", e)
