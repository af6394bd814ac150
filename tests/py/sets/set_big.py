s = set()
for i in range(100000):
    s.add((i * 7919) % 100003)
print(len(s), 0 in s, 100002 in s, min(s), max(s))
evens = {x for x in range(0, 100000, 2)}
odds = set(range(1, 100000, 2))
print(len(evens | odds), len(evens & odds), len(s - evens) + len(s & evens) == len(s))
for i in range(0, 100000, 3):
    s.discard(i)
print(len(s))
