# `in`, count() and index() on ranges: arithmetic for ints and bools, comparison with every item
# for anything else (int subclasses with their own __eq__ included); errors from __eq__ propagate.
class AlwaysEq(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class BadExc(Exception):
    pass


class BadCmp:
    def __eq__(self, other):
        if other == 2:
            raise BadExc()
        return False


r = range(10)
print(AlwaysEq(11) in r, r.count(AlwaysEq(11)), r.index(AlwaysEq(11)), 1.0 in r, True in r, r.index(True))
print(r.index(3.0), range(1, 10, 3).index(4), range(1, -10, -3).index(-5), range(10**20).index(10**20 - 1))
print(range(1, 2**100, 2).index(2**87 + 1), r.count(2.0), r.count("2"))
for args in ((11,), ("a",), (2**87,), (BadCmp(),)):
    try:
        (range(1, 2**100, 2) if args[0] == 2**87 else range(4)).index(*args)
    except ValueError as e:
        print("ValueError", e)
    except BadExc:
        print("BadExc")
try:
    BadCmp() in range(4)
except BadExc:
    print("BadExc in")
