print(list(range(5)), list(range(2, 8)), list(range(0, 20, 5)), list(range(10, 0, -3)), list(range(5, 5)))
print(len(range(0, 100, 7)), range(0, 100, 7)[3], range(0, 100, 7)[-1], range(10)[2:5], range(10)[::-1])
print(sum(range(1, 101)), range(3).index(2), range(0, 10, 2).count(4))
total = 0
for i in range(10 ** 6):
    total += i & 7
print(total)
r = range(-5, 5, 2)
print(list(r), r.start, r.stop, r.step, 3 in r, -3 in r)
print(list(range(10 ** 20, 10 ** 20 + 3)), range(10 ** 20)[-1])
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError", e)
