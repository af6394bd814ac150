# chaipy-test: max-rss-mb=150 timeout=120
count = 0
for i in range(1000000):
    lst = [i, i, i]
    lst.append(i)
    count += len(lst)
print(count)
