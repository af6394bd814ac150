def ping(n):
    return 'done' if n == 0 else pong(n - 1)
def pong(n):
    return 'done' if n == 0 else ping(n - 1)
print(ping(800))
def a(n):
    return b(n)
def b(n):
    return a(n)
try:
    a(1)
except RecursionError as e:
    print("recursion", type(e).__name__)
