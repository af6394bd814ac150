# chaipy-test: max-rss-mb=150 timeout=120
total = 0
for i in range(600000):
    d = {'a': i, 'b': i + 1}
    total += d['b'] - d['a']
print(total)
