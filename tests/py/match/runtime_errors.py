# Errors raised while matching, with CPython's messages.

class NoArgs:
    pass


class BadMatchArgs:
    __match_args__ = ["x"]
    x = 1


class NonStrMatchArgs:
    __match_args__ = (1,)


class Two:
    __match_args__ = ("a", "b")
    a = 1
    b = 2


def attempt(v, which):
    try:
        match v:
            case NoArgs(x) if which == 0:
                return "no"
            case BadMatchArgs(x) if which == 1:
                return "no"
            case NonStrMatchArgs(x) if which == 2:
                return "no"
            case Two(p, q, r) if which == 3:
                return "no"
            case Two(p, a=q) if which == 4:
                return "no"
            case int(a, b) if which == 5:
                return "no"
        return "no match"
    except TypeError as e:
        return "TypeError: %s" % e


print(attempt(NoArgs(), 0))
print(attempt(BadMatchArgs(), 1))
print(attempt(NonStrMatchArgs(), 2))
print(attempt(Two(), 3))
print(attempt(Two(), 4))
print(attempt(5, 5))
print(attempt("not matched", 0))

not_a_class = 3
try:
    match 1:
        case not_a_class.real():
            pass
except TypeError as e:
    print("TypeError:", e)


class Key:
    k = "a"
    k2 = "a"


try:
    match {"a": 1}:
        case {Key.k: 1, Key.k2: 1}:
            pass
except ValueError as e:
    print("ValueError:", e)


# attributes missing on the subject: no match, no error
class P:
    __match_args__ = ("x", "missing")

    def __init__(self):
        self.x = 1


match P():
    case P(1, m):
        print("matched", m)
    case P(1):
        print("first only")

# a class overriding __instancecheck__ through its metaclass
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "anything"


class Anything(metaclass=Meta):
    pass


match "anything":
    case Anything():
        print("metaclass instancecheck")

# errors in a guard propagate
try:
    match 1:
        case x if 1 / 0:
            pass
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
