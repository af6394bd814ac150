# chaipy-test: rlimit-as-mb=1000 timeout=120
# Filling memory until it runs out raises MemoryError, which the program can catch and recover
# from; then it runs on normally.
lists = []
try:
    while True:
        lists.append([0] * 1000)
except MemoryError:
    n = len(lists)
    lists = None
    print("lists: MemoryError", n > 1000)
strings = []
try:
    while True:
        strings.append("x" * 1000000)
except MemoryError:
    strings = None
    print("strings: MemoryError")
class Point:
    def __init__(self, x):
        self.x = x
points = []
try:
    i = 0
    while True:
        points.append(Point(i))
        i += 1
except MemoryError:
    points = None
    print("instances: MemoryError")
d = {}
try:
    i = 0
    while True:
        d[i] = i
        i += 1
except MemoryError:
    d = None
    print("dict: MemoryError")
print(sum(range(1000)))
