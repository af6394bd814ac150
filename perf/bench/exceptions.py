# exceptions: raise and catch (same frame, across calls, class hierarchy, finally).
# quick-arg: 30000
import sys


class MyError(Exception):
    def __init__(self, code):
        Exception.__init__(self, code)
        self.code = code


class SubError(MyError):
    pass


def thrower(i):
    if i % 3 == 0:
        raise SubError(i)
    if i % 3 == 1:
        raise MyError(i)
    raise ValueError("bad")


def deep(i, depth):
    if depth == 0:
        thrower(i)
    return deep(i, depth - 1)


def work(n):
    acc = 0
    fin = 0
    for i in range(n):
        try:
            raise KeyError(i)
        except KeyError:
            acc += 1
        try:
            deep(i, 3)
        except SubError as e:
            acc += e.code & 7
        except MyError as e:
            acc += 2
        except ValueError:
            acc += 3
        finally:
            fin += 1
        try:
            x = [1, 2][i % 4]
        except IndexError:
            x = 0
        acc += x
    return acc, fin


def main(n):
    print(work(n))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 1350000)
