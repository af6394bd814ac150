# gen_pipeline: generators feeding generators and for loops: a source generator, filter/map
# stages as generator functions and generator expressions, yield from delegation, sum/any/max
# over generator expressions, a windowing stage that keeps state, and send() into a coroutine.
# quick-arg: 3
import sys


def source(n, seed):
    s = seed
    for _ in range(n):
        s = (s * 1103515245 + 12345) & 0x7FFFFFFF
        yield (s >> 12) % 10007


def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x


def scaled(it, k):
    for x in it:
        yield x * k % 65521


def window(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == size:
            yield sum(buf)
            del buf[0]


def chained(*its):
    for it in its:
        yield from it


def pairs(it):
    prev = None
    for x in it:
        if prev is not None:
            yield prev, x
        prev = x


def averager():
    total = 0
    count = 0
    avg = None
    while True:
        x = yield avg
        total += x
        count += 1
        avg = total // count


def main(rounds):
    checksum = 0
    for r in range(rounds):
        a = sum(window(scaled(evens(source(40000, r + 1)), 3), 4)) % 1000003
        b = sum(x * y % 97 for x, y in pairs(source(40000, r + 2)))
        c = max(x for x in chained(source(5000, r), evens(source(5000, r + 5)), range(100)))
        d = 0
        for i, x in enumerate(scaled(source(30000, r + 9), 7)):
            if x > 60000:
                d += i
        e = any(x == 10006 for x in source(20000, r))
        co = averager()
        next(co)
        f = 0
        for x in source(20000, r + 3):
            f = co.send(x)
        squares = [x * x for x in (y for y in source(20000, r + 4) if y % 3)]
        checksum = (checksum * 7 + a + b + c + d + int(e) + f + len(squares) + sum(squares) % 9973) % 1000003
        print(r, a, b, c, d, e, f, len(squares), checksum)
    print("checksum", checksum)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
