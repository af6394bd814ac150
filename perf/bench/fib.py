# fib: naive doubly-recursive Fibonacci (call overhead, small ints).
# quick-arg: 22
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main(n):
    print(fib(n))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 36)
