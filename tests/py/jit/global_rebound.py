# A global read in a hot loop is rebound mid-loop: directly by the loop, by a function called
# from the loop (via `global`), and through globals()[...]; its type changes too.
FACTOR = 3
LIMIT = 100


def set_factor(v):
    global FACTOR
    FACTOR = v


def scaled(x):
    return x * FACTOR


total = 0
for i in range(3000):
    total += scaled(i % 10) + FACTOR
    if i == 800:
        FACTOR = 5                   # rebound by the loop itself
    if i == 1500:
        set_factor(7)                # rebound by a called function
    if i == 2100:
        globals()["FACTOR"] = 0.25   # rebound through the globals dict, now a float
    if i == 2600:
        set_factor(-2)
    if i % 300 == 0:
        print(i, FACTOR, repr(total))
print(repr(total))

# A global that is created mid-loop (NameError before, value after).
def read_late():
    return LATE + 1


hits = 0
misses = 0
for i in range(2000):
    try:
        hits += read_late()
    except NameError as e:
        misses += 1
        msg = str(e)
    if i == 1234:
        LATE = 10
print(hits, misses, msg)

# A global deleted mid-loop.
G = 1
errs = 0
acc = 0
for i in range(2000):
    try:
        acc += G
    except NameError:
        errs += 1
    if i == 1500:
        del G
    if i == 1800:
        G = 100
print(acc, errs)
