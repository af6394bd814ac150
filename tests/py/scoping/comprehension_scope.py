i = 'outer i'
squares = [i * i for i in range(4)]
print(i, squares)
x = 10
r = [x + j for j in range(3)]
print(r)
def f():
    k = 3
    return [k * m for m in range(3)], {m: k for m in range(2)}, {k + m for m in range(2)}
print(f())
nested = [[row * col for col in range(3)] for row in range(3)]
print(nested)
