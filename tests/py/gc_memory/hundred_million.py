# chaipy-test: max-rss-mb=150 timeout=300
# 10**8 short-lived objects (half tuples, half instances) in bounded memory.
class Cell:
    def __init__(self, v):
        self.v = v

acc = 0
for i in range(50000000):
    t = (i, i)
    c = Cell(t)
    acc = (acc + c.v[1]) & 0xFFFF
print(acc)
