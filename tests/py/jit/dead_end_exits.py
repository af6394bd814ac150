# Traces whose entries mostly end at an exit with nowhere to go are retired (their loop or
# function is recorded again, and blacklisted after `penalty` retirements); a loop trace does
# not end handing over to a blacklisted loop in an inlined call. Results must not change while
# traces are retired, re-recorded and blacklisted, nor when the paths change again later.


def fmt(xs):
    out = []
    for x in xs:
        out.append("%d:%s" % (x, x * 2))
    return len(out)


def lengths(xs):
    n = 0
    for x in xs:
        n += len("%d-%s" % (x, -x))
    return n


def classify(v):
    if v is None:
        return 0
    return len("%s" % (v,))


t = 0
for i in range(3000):
    # a function traced on its empty path, then always leaving at its loop
    t += fmt([] if i < 200 else [i] * (1 + (i > 2500)))
    # a loop in a helper that is blacklisted before the caller's loop gets hot
    t += lengths(range(i % 40))
    # a function whose early exit dominates only in the middle third
    t += classify(None if i < 1000 or i > 2000 else i)
print(t)

acc = []
for i in range(1500):
    k = i % 7
    acc.append(fmt(range(k)) + lengths([k] * (i % 3)))
print(sum(acc), acc[-7:])
