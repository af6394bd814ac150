class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
    def __getitem__(self, ij):
        return self.rows[ij[0]][ij[1]]
    def __len__(self):
        return len(self.rows)
    def __mul__(self, o):
        n, m, p = len(self.rows), len(o.rows), len(o.rows[0])
        return Matrix([[sum([self.rows[i][k] * o.rows[k][j] for k in range(m)]) for j in range(p)] for i in range(n)])
    def __add__(self, o):
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, o.rows)])
    def __eq__(self, o):
        return self.rows == o.rows
    def __repr__(self):
        return 'Matrix(%r)' % (self.rows,)
I = Matrix([[1, 0], [0, 1]])
A = Matrix([[1, 2], [3, 4]])
print(A * I == A, A * A, A + I, A[1, 0], len(A))
P = I
for _ in range(10):
    P = P * Matrix([[1, 1], [1, 0]])
print(P)
