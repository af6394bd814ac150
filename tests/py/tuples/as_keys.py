grid = {}
for x in range(3):
    for y in range(3):
        grid[(x, y)] = x * 10 + y
print(grid[(1, 2)], grid[2, 0], (0, 0) in grid, (5, 5) in grid)
print(sorted(grid.items())[:4])
s = {(1, 2), (2, 1), (1, 2)}
print(len(s), sorted(s))
print(hash((1, 2)) == hash((1, 2)), hash((1, 2)) == hash((2, 1)))
print(hash(()), hash((1,)), hash((1, 2, 3)), hash((-1, 0)))
try:
    {([1], 2): 'x'}
except TypeError as e:
    print("TypeError", e)
