# nqueens: count N-queens solutions by recursive backtracking on lists.
# quick-arg: 7
import sys


def place(row, n, cols, diag1, diag2, board, sols):
    if row == n:
        sols.append(list(board))
        return 1
    count = 0
    for c in range(n):
        d1 = row + c
        d2 = row - c + n - 1
        if not cols[c] and not diag1[d1] and not diag2[d2]:
            cols[c] = True
            diag1[d1] = True
            diag2[d2] = True
            board.append(c)
            count += place(row + 1, n, cols, diag1, diag2, board, sols)
            board.pop()
            cols[c] = False
            diag1[d1] = False
            diag2[d2] = False
    return count


def solve(n):
    sols = []
    count = place(0, n, [False] * n, [False] * (2 * n), [False] * (2 * n), [], sols)
    return count, sols


def main(n):
    total = 0
    for rep in range(2):
        for k in range(4, n + 1):
            count, sols = solve(k)
            total += count
    checksum = 0
    for s in sols:
        for i in range(len(s)):
            checksum = (checksum * 31 + s[i] * (i + 1)) % 1000000007
    print(count, total, checksum, sols[0], sols[-1])


main(int(sys.argv[1]) if len(sys.argv) > 1 else 12)
