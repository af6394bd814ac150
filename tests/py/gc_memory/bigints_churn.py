# chaipy-test: max-rss-mb=150 timeout=120
big = 10 ** 40
acc = 0
for i in range(1000000):
    v = big + i
    acc = (acc + v * 3) % (2 ** 89 - 1)
print(acc)
