results = []
for v in [1, 0, 'a', None, 4, [2]]:
    try:
        results.append(10 // v)
    except ZeroDivisionError:
        results.append('zero')
    except TypeError as e:
        results.append(type(e).__name__)
print(results)
count = 0
for i in range(100000):
    try:
        if i % 1000 == 0:
            raise ValueError(i)
        count += 1
    except ValueError as e:
        count -= e.args[0] // 1000
print(count)
def risky(i):
    if i % 7 == 3:
        raise KeyError(i)
    return i
s = 0
for i in range(5000):
    try:
        s += risky(i)
    except KeyError as e:
        s -= 1
print(s)
