# A hot loop over a list whose elements have mixed types (int, float, bool, None, str, big int,
# tuple); the element type seen at each operation changes on every iteration.
items = []
for k in range(400):
    r = k % 8
    if r == 0:
        items.append(k)
    elif r == 1:
        items.append(k / 4)
    elif r == 2:
        items.append(k % 3 == 0)
    elif r == 3:
        items.append(None)
    elif r == 4:
        items.append("w%d" % k)
    elif r == 5:
        items.append(2 ** 70 + k)
    elif r == 6:
        items.append((k, -k))
    else:
        items.append(-k)

ints = 0
floats = 0.0
strs = 0
nones = 0
bools = 0
tuples = 0
for rep in range(6):
    for v in items:
        if v is None:
            nones += 1
        elif isinstance(v, bool):
            bools += v + 1          # bool arithmetic is int arithmetic
        elif isinstance(v, int):
            ints += v * (rep + 1)
        elif isinstance(v, float):
            floats += v * rep
        elif isinstance(v, str):
            strs += len(v) + rep
        else:
            tuples += v[0] - v[1]
print(ints, repr(floats), strs, nones, bools, tuples)

# Generic addition over mixed numeric elements: the result type follows the inputs.
total = 0
for rep in range(5):
    for v in items:
        if v is not None and not isinstance(v, (str, tuple)):
            total = total + v
    print(rep, repr(total) if isinstance(total, float) else total)

# Sorting keys and comparisons between int, float and bool elements.
nums = [v for v in items if isinstance(v, (int, float))]
biggest = nums[0]
smallest = nums[0]
for v in nums * 4:
    if v > biggest:
        biggest = v
    if v < smallest:
        smallest = v
print(biggest, smallest)
