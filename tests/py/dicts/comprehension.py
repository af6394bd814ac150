sq = {i: i * i for i in range(6)}
print(sq)
print({k: v for k, v in sq.items() if v % 2 == 0})
words = 'the cat sat on the mat the end'.split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)
inv = {v: k for k, v in {'a': 1, 'b': 2}.items()}
print(inv)
print({c: ord(c) for c in 'hello'})
print({(i, j): i * j for i in range(2) for j in range(2)})
