# Set operations whose elements' __eq__ clears the sets and dicts being combined (CPython's
# bpo-46615 regression test): no crash, at most "changed size during iteration".
from random import randrange, seed

seed(5)


def bad_pair(c1, c2):
    state = {"on": False}

    class Bad:
        def __eq__(self, other):
            if not state["on"]:
                return False
            if randrange(20) == 0:
                a.clear()
            if randrange(20) == 0:
                b.clear()
            return bool(randrange(2))

        def __hash__(self):
            return randrange(2)

    a = c1(Bad() for _ in range(randrange(50)))
    b = c2(Bad() for _ in range(randrange(50)))
    state["on"] = True
    return a, b


def fromkeys(it):
    return dict.fromkeys(it)


class SetSub(set):
    pass


ops = {
    "issubset": set.issubset, "issuperset": set.issuperset, "intersection": set.intersection,
    "union": set.union, "difference": set.difference,
    "symmetric_difference": set.symmetric_difference, "isdisjoint": set.isdisjoint,
    "difference_update": set.difference_update, "intersection_update": set.intersection_update,
    "symmetric_difference_update": set.symmetric_difference_update, "update": set.update,
    "eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b, "and": lambda a, b: a & b, "or": lambda a, b: a | b,
    "sub": lambda a, b: a - b, "xor": lambda a, b: a ^ b,
}
for c1, c2 in ((set, set), (SetSub, SetSub), (set, fromkeys), (set, list)):
    for name, fn in ops.items():
        if c2 is not set and c2 is not SetSub and name in ("eq", "ne", "lt", "le", "and", "or", "sub", "xor"):
            continue
        for _ in range(60):
            a, b = bad_pair(c1, c2)
            try:
                fn(a, b)
            except RuntimeError as e:
                assert "changed size during iteration" in str(e), e
        print(c1.__name__, c2.__name__, name, "ok")
