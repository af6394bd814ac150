# An error raised while iterating a generator expression passed to sum().
vals = [1, 2, 0]
print(sum(10 // v for v in vals[:2]))
print(sum(10 // v for v in vals))
