def squares(n):
    for i in range(n):
        yield i * i
total = 0
for s in squares(300000):
    total += s
print(total)
print(sum(x for x in range(300000) if x % 3 == 0))
def chain(*its):
    for it in its:
        yield from it
print(sum(chain(range(1000), range(2000), squares(100))))
