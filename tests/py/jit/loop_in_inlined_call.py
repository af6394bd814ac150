# Loops inside functions called from a hot loop: the caller's trace hands over at the callee's
# loop header, the callee's loop runs its own trace, and its exit returns into the caller.


def total(xs, k):
    s = 0
    for x in xs:
        s += x * k
    return s


def count_down(n):
    steps = 0
    while n > 0:
        n -= 3
        steps += 1
    return steps


def find(xs, want):
    for i, x in enumerate(xs):
        if x == want:
            return i          # return from inside the loop
    return -1


def first_big(xs, lim):
    for x in xs:
        if x > lim:
            break
    else:
        return None
    return x


def place(row, n, cols, board, sols):
    # recursive backtracking: the loop's own trace calls itself
    if row == n:
        sols.append(list(board))
        return 1
    count = 0
    for c in range(n):
        if not cols[c] and (row == 0 or abs(board[-1] - c) > 1):
            cols[c] = True
            board.append(c)
            count += place(row + 1, n, cols, board, sols)
            board.pop()
            cols[c] = False
    return count


def nested(m):
    acc = 0
    for i in range(m):
        for j in range(i % 4):
            acc += i * j
    return acc


def boom(xs, at):
    for i in range(len(xs)):
        if i == at:
            raise ValueError("boom at %d" % i)
        xs[i] += 1
    return sum(xs)


def main():
    xs = list(range(12))
    t = 0
    for k in range(3000):
        t += total(xs, k)
        t += count_down(k % 11)
        t += find(xs, k % 15)
        b = first_big(xs, k % 14)
        t += -1 if b is None else b
        t += nested(k % 9)
    print("mixed", t)

    for n in (4, 5, 6, 7):
        sols = []
        print("place", n, place(0, n, [False] * n, [], sols), sols[:2], sols[-1:])

    caught = 0
    ys = [0] * 6
    for k in range(400):
        try:
            t += boom(ys, k % 9)
        except ValueError as e:
            caught += 1
            last = str(e)
    print("boom", caught, last, ys, t)

    # list.pop / list(x) in a hot loop, including popping an empty list
    stack = []
    popped = 0
    errors = 0
    for k in range(500):
        if k % 3:
            stack.append(k)
        else:
            try:
                popped += stack.pop()
            except IndexError as e:
                errors += 1
                msg = str(e)
        copy = list(stack) if k % 2 else list((k, k + 1))
        popped += len(copy)
    print("pop", popped, errors, msg, len(stack))


main()
