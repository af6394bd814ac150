# break, continue and for/while ... else in hot loops: the break happens at a late iteration
# (after compilation), continue skips the rest of the body on a changing pattern, and the else
# branch runs only when no break happened.
def first_multiple(seq, k):
    for v in seq:
        if v and v % k == 0:
            break
    else:
        return None
    return v


data = list(range(1, 3000))
print(first_multiple(data, 1499), first_multiple(data, 2999), first_multiple(data, 3001))

# continue on a pattern that changes at iteration 1500.
s = 0
skipped = 0
for i in range(3000):
    if (i % 3 == 0) if i < 1500 else (i % 5 == 0):
        skipped += 1
        continue
    s += i
print(s, skipped)

# Nested break: only the inner loop is left.
found = []
for i in range(40):
    for j in range(100):
        if i * j > 150 + i:
            found.append(j)
            break
    else:
        found.append(-1)
print(found)

# while ... else with a break that only happens on the last outer iteration.
outs = []
for n in range(1, 80):
    k = 0
    while k < n * 10:
        if n == 79 and k == 555:
            break
        k += 1
    else:
        k = -k
    outs.append(k)
print(sum(outs), outs[-3:])

# Prime test with for ... else.
primes = 0
last = 0
for n in range(2, 2500):
    for d in range(2, n):
        if d * d > n:
            primes += 1
            last = n
            break
        if n % d == 0:
            break
    else:
        primes += 1          # n == 2 and n == 3: inner range too short to break
        last = n
print(primes, last)
