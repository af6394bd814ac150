# A TypeError from a unary operator inside call arguments.
def show(*args):
    return len(args)


print(show(1, -2))
print(show(1, -"two", 3))
