def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print("recursion", type(e).__name__)
print("still alive")
def f(n):
    return n if n == 0 else f(n - 1)
print(f(500))
try:
    forever(0)
except RecursionError as e:
    print("again", type(e).__name__)
