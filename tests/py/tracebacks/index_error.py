# IndexError on a subscript inside a larger expression.
items = [1, 2, 3]
total = 0
for i in range(3):
    total += items[i]
print(total)
value = items[10] + total
