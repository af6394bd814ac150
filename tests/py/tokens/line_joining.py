# Explicit and implicit line joining
total = 1 + \
        2 + \
        3
print(total)
values = [
    1,
    2,
    3,   # trailing comma below
]
print(values)
d = {
    'a': 1,
    'b': 2
}
print(d)
result = (10
          * 20
          - 5)
print(result)
def f(a,
      b,
      c=3):
    return a + b + c
print(f(1,
        2))
if (total > 1 and
        result > 1):
    print("both")
print("x" \
      "y")
