# A call spread over several lines: carets run to the end of the first line.
def compute(a, b, c):
    return a + b + c


print(compute(1, 2, 3))
result = compute(
    1,
    2,
    "three",
)
