# `match`, `case` and `_` stay ordinary names outside match statements.
match = [1, 2, 3]
case = {"a": 1}
_ = "underscore"
print(match, case, _)
match[0] = 10
print(match[0], case["a"])


def match(x):  # noqa: F811
    return x * 2


print(match(4))
print(match(match(1)))


class case:
    match = "attr"


print(case.match)
match_ = 5
print(match_)
match (1):
    case 1:
        print("parenthesized subject")
match -1:
    case -1:
        print("negative subject")
match [1, 2]:
    case [1, *_]:
        print("list subject")
match {"case": "match"}:
    case {"case": match}:
        print("bound", match)
print(match)
