# chaipy-test: stderr=full
# An exception raised deep inside a recursive function that runs as a function trace (its
# recursive calls through call_trace): the traceback lists every frame, as without the JIT.


def down(n, stop):
    if n == stop:
        return {}["missing"] + n
    if n <= 0:
        return 0
    return down(n - 1, stop) + 1


def main():
    t = 0
    for i in range(400):
        t += down(20, -1) if i < 399 else down(20, 17)
    print(t)


main()
