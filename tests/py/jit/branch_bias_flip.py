# Branches whose bias changes during the run: a branch never taken while the loop is recorded
# and taken always later, a branch taken rarely (a side exit that becomes hot), and a branch
# alternating with a long period; counters make the path taken on each iteration visible.
a = b = c = 0
for i in range(4000):
    if i < 2000:
        a += i
    else:
        b += i * 2               # the trace recorded early never saw this side
    if i % 97 == 0:
        c += 1                   # rare exit, taken about 40 times
print(a, b, c)

# A condition on data that changes distribution midway.
data = [0] * 1500 + [1, 2] * 750
x = y = 0
for v in data:
    if v == 0:
        x += 1
    elif v == 1:
        y += 3
    else:
        y -= 1
print(x, y)

# Period-long alternation: 300 iterations one way, 300 the other.
s = 0
for i in range(3000):
    if (i // 300) % 2:
        s += i
    else:
        s -= i // 2
print(s)

# Many branches in one body, each flipping at a different iteration.
state = [0] * 6
for i in range(3000):
    for k in range(6):
        if i > 400 * (k + 1):
            state[k] += k
        else:
            state[k] -= 1
print(state)

# A guard on a value that is constant for a long time, then changes every iteration.
mode = "a"
r = 0
for i in range(3000):
    if i >= 2000:
        mode = "b" if i % 2 else "a"
    r += 1 if mode == "a" else 100
print(r)
