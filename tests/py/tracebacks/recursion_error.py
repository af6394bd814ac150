# Unbounded recursion: RecursionError with the repeated entries collapsed.
def rec(n):
    return rec(n + 1)


print("deep")
rec(0)
