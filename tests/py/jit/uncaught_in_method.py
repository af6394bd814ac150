# chaipy-test: stderr=full
# An exception escapes uncaught from a method called in the innermost of two hot loops, after
# both loops have run long enough to be compiled; the complete traceback (method frame, line
# numbers, carets) and the output printed before it must match python3's.
class Table:
    def __init__(self, n):
        self.rows = {}
        for k in range(n):
            self.rows[k] = [k * j for j in range(10)]

    def cell(self, r, c):
        row = self.rows[r]
        return row[c]


t = Table(300)
total = 0
for r in range(305):
    for c in range(10):
        total += t.cell(r, c)
    if r % 50 == 0 or r >= 296:
        print(r, total)
print("unreachable")
