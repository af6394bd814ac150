# chaipy-test: timeout=120
# Deep Python recursion under a raised limit runs in every mode (Python calls do not use the
# native stack); past the limit it is a RecursionError.
import sys
sys.setrecursionlimit(10**6)
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print(depth(200000))
def loop_then_recurse(n):
    total = 0
    for i in range(3):
        total += i
    if n == 0:
        return total
    return total + loop_then_recurse(n - 1)
print(loop_then_recurse(100000))
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)
sys.setrecursionlimit(1000)
try:
    depth(5000)
except RecursionError as e:
    print("RecursionError:", e)
print(depth(900))
