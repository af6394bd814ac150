# chaipy-test: max-rss-mb=150 timeout=120
total = 0
for i in range(3000000):
    t = (i, i + 1, i * 2)
    total += t[2] - t[0]
print(total)
