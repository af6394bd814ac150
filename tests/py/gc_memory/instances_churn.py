# chaipy-test: max-rss-mb=150 timeout=120
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
acc = 0
for i in range(2000000):
    p = P(i, -i)
    acc += p.x + p.y + 1
print(acc)
