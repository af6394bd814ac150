import sys
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
sys.setrecursionlimit(5000)
print(depth(4500))
sys.setrecursionlimit(1000)
try:
    depth(4500)
except RecursionError as e:
    print("recursion", type(e).__name__)
print(depth(900))
