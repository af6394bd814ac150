# Nested lists as a matrix: reading, writing and transposing through two-level indexing in hot
# loops; a row is replaced by a row of a different length mid-computation.
N = 24
m = [[(r * N + c) % 17 - 8 for c in range(N)] for r in range(N)]

# Row sums, column sums and the diagonals.
rows = [0] * N
cols = [0] * N
d1 = d2 = 0
for r in range(N):
    for c in range(N):
        v = m[r][c]
        rows[r] += v
        cols[c] += v
        if r == c:
            d1 += v
        if r + c == N - 1:
            d2 += v
print(rows, cols, d1, d2)

# In-place transpose.
for r in range(N):
    for c in range(r + 1, N):
        m[r][c], m[c][r] = m[c][r], m[r][c]
print(sum(m[r][0] * (r + 1) for r in range(N)), sum(m[0][c] * (c + 1) for c in range(N)), m[3][:6])

# 2D stencil (game-of-life-like) over several generations.
g = [[1 if (r * 7 + c * 3) % 5 == 0 else 0 for c in range(N)] for r in range(N)]
for gen in range(8):
    nxt = [[0] * N for _ in range(N)]
    for r in range(N):
        for c in range(N):
            n = 0
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    if dr or dc:
                        n += g[(r + dr) % N][(c + dc) % N]
            nxt[r][c] = 1 if n == 3 or (n == 2 and g[r][c]) else 0
    g = nxt
    print(gen, sum(map(sum, g)))

# A row replaced by a longer row, another by floats, mid-loop.
acc = 0
for k in range(3000):
    r = k % N
    row = m[r]
    acc += row[k % len(row)]
    if k == 1500:
        m[5] = list(range(50))
        m[6] = [0.5] * N
print(repr(acc))
