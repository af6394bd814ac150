# Deep recursion ending in an error: repeated frames are collapsed.
def down(n):
    if n == 0:
        return 1 / n
    return down(n - 1) + 1


print(down(3) if False else "start")
down(50)
