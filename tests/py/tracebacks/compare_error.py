# Comparisons are not binary operators: plain ^ carets under the whole comparison.
def pick(a, b):
    if a < b and b > 0:
        return a
    return b


print(pick(1, 2))
print(pick(1, "2"))
