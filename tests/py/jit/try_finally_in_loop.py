# try/except/else/finally inside hot loops: exceptions raised and caught on some iterations,
# finally blocks that run on break, continue and return, and a nested try in an inlined call.
log = []
total = 0
for i in range(3000):
    try:
        if i % 250 == 249:
            raise KeyError(i)
        total += i
    except KeyError as e:
        total -= e.args[0]
    else:
        total += 1
    finally:
        total ^= 1
print(total)

# finally runs when continue and break leave the try.
fin = 0
body = 0
for i in range(3000):
    try:
        if i % 7 == 0:
            continue
        if i == 2800:
            break
        body += i
    finally:
        fin += 1
print(fin, body, i)

# return from inside try/finally in a function called from a loop.
def guarded(x):
    try:
        if x % 5 == 0:
            return -x
        return x * 2
    finally:
        log.append(x % 3)


s = 0
for i in range(2500):
    s += guarded(i)
print(s, len(log), sum(log))

# Exceptions raised by an inlined helper and converted to other types.
class AppError(Exception):
    pass


def parse(tok):
    try:
        return int(tok)
    except ValueError:
        raise AppError("bad token " + tok) from None


good = bad = 0
for i in range(2000):
    tok = str(i) if i % 400 else "x%d" % i
    try:
        good += parse(tok)
    except AppError as e:
        bad += 1
        last = (str(e), e.__cause__ is None, e.__suppress_context__)
print(good, bad, last)

# Re-raise out of a nested try, caught by the outer try in the same iteration.
counts = [0, 0, 0]
for i in range(2400):
    try:
        try:
            if i % 3 == 0:
                raise ValueError
            if i % 3 == 1:
                raise TypeError
        except ValueError:
            counts[0] += 1
            raise
        finally:
            counts[2] += 1
    except (ValueError, TypeError):
        counts[1] += 1
print(counts)
