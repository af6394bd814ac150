grid = [[0] * 4 for _ in range(3)]
for r in range(3):
    for c in range(4):
        grid[r][c] = r * 4 + c
print(grid)
grid[1][2] += 100
print(grid[1])
t = list(map(list, zip(*grid)))
print(t)
flat = [v for row in grid for v in row]
print(flat, sum(flat))
a = [1, 2, 3]
b = [a, a]
a.append(4)
print(b)
b[0] = 'x'
print(b, a)
cp = [row[:] for row in grid]
cp[0][0] = -1
print(grid[0][0], cp[0][0])
