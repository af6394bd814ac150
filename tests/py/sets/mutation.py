s = set()
s.add(3); s.add(1); s.add(3)
print(s, len(s))
s.update([5, 6], {7})
print(s)
s.discard(100); s.discard(5)
print(s)
s.remove(6)
print(s)
try:
    s.remove(42)
except KeyError as e:
    print("KeyError", e)
x = s.pop()
print(x in s, len(s))
s.add(x)
s |= {10}; s &= {1, 3, 7, 10, 11}; s -= {3}; s ^= {99, 1}
print(sorted(s))
s.intersection_update({7, 99}); print(s)
s.difference_update({7}); print(s)
s.symmetric_difference_update({1, 99}); print(s)
c = s.copy(); c.add(0); print(s, c)
c.clear(); print(c)
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
