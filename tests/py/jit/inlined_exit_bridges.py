# Guards that fail inside inlined calls grow side traces that start in the rebuilt callee
# frame and return into their caller. The same function is called from two call sites, from a
# method, from an __init__ and from module level, so a side trace recorded for one caller must
# not run for another (the caller's code and resume point are checked before returning).
def classify(x):
    if x % 3 == 0:
        return x * 2
    if x % 7 == 0:
        return -x
    return x + 1


def twice(n):
    a = b = 0
    for i in range(n):
        a += classify(i)          # call site 1
        b -= classify(i + 1)      # call site 2
    return a, b


class Acc:
    def __init__(self, v):
        self.v = classify(v)      # inside an inlined __init__

    def add(self, k):
        self.v += classify(k)
        return self


def objects(n):
    t = 0
    for i in range(n):
        t += Acc(i).add(i * 5).v
    return t


def nested(n):
    total = 0
    for i in range(n):
        for j in range(4):
            total += classify(i * j)
    return total


print(twice(3000))
print(objects(2500))
print(nested(800))
print(sum(classify(k) for k in range(100)))
x = 0
for k in range(2000):
    x += classify(k)
print(x)
