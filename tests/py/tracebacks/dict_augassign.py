# KeyError from an augmented assignment on a subscript.
counts = {}
for w in ["a", "b"]:
    counts[w] = counts.get(w, 0) + 1
print(counts)
counts["c"] += 1
