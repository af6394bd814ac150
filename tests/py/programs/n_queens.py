def solve(n):
    sols = []
    cols = [0] * n
    def place(row, used_c, used_d1, used_d2):
        if row == n:
            sols.append(cols[:])
            return
        for c in range(n):
            if c in used_c or (row - c) in used_d1 or (row + c) in used_d2:
                continue
            cols[row] = c
            used_c.add(c); used_d1.add(row - c); used_d2.add(row + c)
            place(row + 1, used_c, used_d1, used_d2)
            used_c.discard(c); used_d1.discard(row - c); used_d2.discard(row + c)
    place(0, set(), set(), set())
    return sols
for n in range(1, 9):
    print(n, len(solve(n)))
s6 = solve(6)
print(s6)
for c in s6[0]:
    print(' '.join(['Q' if i == c else '.' for i in range(6)]))
