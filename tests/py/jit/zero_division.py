# ZeroDivisionError raised inside a hot loop: caught by a try/except outside the loop (the loop
# is left mid-trace) and inside the loop (the loop keeps running), for /, //, % and float ops.
def run_until_zero(start):
    total = 0
    d = start
    try:
        for i in range(3000):
            total += 100000 // d
            d -= 1
    except ZeroDivisionError as e:
        return ("escaped", i, d, total, str(e))
    return ("finished", total)


print(run_until_zero(2000))
print(run_until_zero(2500))
print(run_until_zero(5000))

# Caught inside the loop: every 37th divisor is zero after iteration 1500.
caught = 0
total = 0
ftotal = 0.0
for i in range(3000):
    d = (i % 37) if i >= 1500 else (i % 37) + 1
    try:
        total += i // d + i % d
        ftotal += i / d
    except ZeroDivisionError as e:
        caught += 1
        if caught <= 2:
            print("caught", i, e)
print(caught, total, repr(ftotal))

# Each operator's own message.
ops = [
    lambda a, b: a / b,
    lambda a, b: a // b,
    lambda a, b: a % b,
    lambda a, b: divmod(a, b),
]
msgs = []
for i in range(1200):
    b = 0 if i % 300 == 299 else (i % 5) + 1
    a = i if i % 2 else float(i)
    for op in ops:
        try:
            op(a, b if i % 4 else float(b))
        except ZeroDivisionError as e:
            msgs.append(str(e))
print(len(msgs))
for m in sorted(set(msgs)):
    print(m, msgs.count(m))

# 0 ** negative also divides by zero.
bad = 0
msg = None
for i in range(1000):
    try:
        bad += (i % 10) ** -1 > 0
    except ZeroDivisionError as e:
        bad += 1000
        msg = str(e)
print(bad, msg)
