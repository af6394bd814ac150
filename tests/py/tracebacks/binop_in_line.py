# A division by zero in the middle of a longer expression: ~ around the operands, ^ on the operator.
def ratio(total, count):
    scale = 3
    return scale + total / count * 2


print("start")
values = [ratio(10, 5), ratio(4, 2)]
print(values)
print(ratio(1, 0))
