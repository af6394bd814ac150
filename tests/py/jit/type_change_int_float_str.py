# A loop variable changes type mid-loop: int, then float, then str, then back to int.
# Every compiled guard on the type of `x` must fail over to the interpreter (or a bridge) correctly.
def step(x, i):
    return x + i


x = 0
log = []
for i in range(3000):
    if i == 1200:
        x = float(x) / 7      # int -> float
        log.append(("float", repr(x)))
    elif i == 1900:
        x = str(int(x))       # float -> str
        log.append(("str", x))
    elif i == 2400:
        x = len(x) * 1000     # str -> int
        log.append(("int", x))
    if isinstance(x, str):
        x = x[-6:] + str(i % 10)
    else:
        x = step(x, i % 13)
    if i % 500 == 499:
        log.append((i, repr(x)))
for entry in log:
    print(entry)
print("final", repr(x), type(x).__name__)

# The same variable alternating type every few iterations.
acc = 0.0
for i in range(2000):
    v = i if i % 3 else i * 0.5
    if i % 7 == 0:
        v = "s" * (i % 5)
    acc = acc + (len(v) if isinstance(v, str) else v)
print("alternating", repr(acc))
