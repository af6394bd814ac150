a = [3, 1, 4]
a.append(1); print(a)
a.extend([5, 9]); print(a)
a.insert(0, 2); print(a)
a.insert(-1, 6); print(a)
a.insert(100, 7); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1); print(a)
print(a.index(4), a.count(1), a.count(42))
a.reverse(); print(a)
b = a.copy(); b.append('x'); print(a, b)
a.clear(); print(a, len(a))
for bad in [lambda: [].pop(), lambda: [1].remove(2), lambda: [1].index(3)]:
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
