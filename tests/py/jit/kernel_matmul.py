# Numeric kernel: matrix multiplication of small int, float and mixed matrices with triple
# nested loops; the element type of one matrix changes between runs (int -> float -> big int).
def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    c = [[0] * p for _ in range(n)]
    for i in range(n):
        ai = a[i]
        ci = c[i]
        for k in range(m):
            aik = ai[k]
            bk = b[k]
            for j in range(p):
                ci[j] += aik * bk[j]
    return c


def checksum(c):
    s = 0
    for row in c:
        for v in row:
            s = s * 3 + v
            if isinstance(s, int):
                s %= 2 ** 89 - 1
    return s


N = 16
A = [[(i * N + j) % 7 - 3 for j in range(N)] for i in range(N)]
B = [[(i + 2 * j) % 5 - 2 for j in range(N)] for i in range(N)]
C = matmul(A, B)
print(checksum(C), C[0][:6], C[-1][-3:])

F = [[v * 0.5 + 0.125 for v in row] for row in B]
D = matmul(A, F)
print(repr(checksum(D)), D[3][:4])

G = [[v * 2 ** 62 + 1 for v in row] for row in A]
E = matmul(G, B)
print(checksum(E), E[2][2])

# Powers of a matrix: repeated multiplication through the same compiled loops.
P = [[1 if i == j else 0 for j in range(6)] for i in range(6)]
M = [[(i * j + 1) % 4 for j in range(6)] for i in range(6)]
for k in range(30):
    P = matmul(P, M)
    if k % 10 == 9:
        print(k, P[0][0], checksum(P))
