# Nested subscripts: the failing one is the outer one.
grid = [[1, 2], [3, 4]]
row = 1
print(grid[row][0])
print("cell", grid[row][5])
