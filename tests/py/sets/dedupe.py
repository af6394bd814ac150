data = [5, 3, 5, 1, 3, 9, 1, 7, 5]
seen = set()
out = []
for x in data:
    if x not in seen:
        seen.add(x)
        out.append(x)
print(out, sorted(seen), len(seen))
print(sorted(set(data)), list(dict.fromkeys(data)))
primes = set(range(2, 50))
for i in range(2, 8):
    primes -= set(range(i * i, 50, i))
print(sorted(primes))
