def step(grid):
    h, w = len(grid), len(grid[0])
    new = [[0] * w for _ in range(h)]
    for r in range(h):
        for c in range(w):
            n = 0
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    if dr or dc:
                        n += grid[(r + dr) % h][(c + dc) % w]
            new[r][c] = 1 if n == 3 or (n == 2 and grid[r][c]) else 0
    return new
def show(grid):
    for row in grid:
        print(''.join(['#' if v else '.' for v in row]))
    print()
g = [[0] * 12 for _ in range(10)]
for r, c in [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)]:
    g[r][c] = 1
for r, c in [(6, 7), (6, 8), (6, 9)]:
    g[r][c] = 1
show(g)
for gen in range(1, 9):
    g = step(g)
    if gen % 4 == 0:
        show(g)
pop = [sum(map(sum, g))]
for _ in range(30):
    g = step(g)
    pop.append(sum(map(sum, g)))
print(pop)
