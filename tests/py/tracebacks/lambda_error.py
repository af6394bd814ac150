# Errors inside a lambda called from sorted().
pairs = [(1, "b"), (2, "a"), (3, None)]
print(sorted(pairs[:2], key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: p[1].upper()))
