# Numeric kernel: spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1) for a
# small N (float division in doubly nested loops, function calls in the inner loop).
import math


def eval_A(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + i + 1)


def mul_Av(v, out):
    n = len(v)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_A(i, j) * v[j]
        out[i] = s


def mul_Atv(v, out):
    n = len(v)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_A(j, i) * v[j]
        out[i] = s


def mul_AtAv(v, out, tmp):
    mul_Av(v, tmp)
    mul_Atv(tmp, out)


for N in (10, 40):
    u = [1.0] * N
    v = [0.0] * N
    tmp = [0.0] * N
    for it in range(10):
        mul_AtAv(u, v, tmp)
        mul_AtAv(v, u, tmp)
    vBv = vv = 0.0
    for i in range(N):
        vBv += u[i] * v[i]
        vv += v[i] * v[i]
    print(N, repr(math.sqrt(vBv / vv)), repr(sum(u)))
