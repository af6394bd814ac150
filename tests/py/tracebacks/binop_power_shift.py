# A TypeError from ** between incompatible operands, and a nested shift.
def compute(x, y):
    return (x << 2) ** y


print(compute(1, 2))
print(compute(1, "two"))
