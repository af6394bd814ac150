# chaipy-test: max-rss-mb=150 timeout=120
n = 0
for i in range(2000000):
    s = 'item-' + str(i)
    n += len(s)
print(n)
