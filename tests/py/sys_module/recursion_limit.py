import sys
old = sys.getrecursionlimit()
print(old)
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
def d(n):
    return 0 if n == 0 else 1 + d(n - 1)
print(d(1800))
sys.setrecursionlimit(old)
print(sys.getrecursionlimit() == old)
