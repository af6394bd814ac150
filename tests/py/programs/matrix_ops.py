def zeros(n, m):
    return [[0] * m for _ in range(n)]
def identity(n):
    I = zeros(n, n)
    for i in range(n):
        I[i][i] = 1
    return I
def matmul(A, B):
    n, m, p = len(A), len(B), len(B[0])
    C = zeros(n, p)
    for i in range(n):
        for j in range(p):
            s = 0
            for k in range(m):
                s += A[i][k] * B[k][j]
            C[i][j] = s
    return C
def transpose(A):
    return [list(r) for r in zip(*A)]
def det(A):
    n = len(A)
    if n == 1:
        return A[0][0]
    if n == 2:
        return A[0][0] * A[1][1] - A[0][1] * A[1][0]
    total = 0
    for j in range(n):
        minor = [row[:j] + row[j + 1:] for row in A[1:]]
        total += (-1) ** j * A[0][j] * det(minor)
    return total
def matpow(A, e):
    R = identity(len(A))
    while e:
        if e & 1:
            R = matmul(R, A)
        A = matmul(A, A)
        e >>= 1
    return R
A = [[2, -1, 0], [1, 3, 2], [0, 1, 4]]
B = [[1, 2], [0, 1], [4, 0]]
print(matmul(A, B))
print(transpose(B))
print(det(A), det(identity(4)), det([[1, 2], [2, 4]]))
print(matpow([[1, 1], [1, 0]], 90)[0][1])
M = [[(i * 7 + j * 3) % 10 for j in range(5)] for i in range(5)]
for row in matmul(M, transpose(M)):
    print(' '.join(['%4d' % v for v in row]))
print(det(M))
