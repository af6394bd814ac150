# BaseExceptionGroup / ExceptionGroup: construction rules, attributes, split/subgroup/derive.

eg = ExceptionGroup("many", [ValueError(1), TypeError("t"), ExceptionGroup("inner", [ValueError(2), KeyError("k")])])
print(repr(eg))
print(str(eg))
print(eg.message, eg.exceptions)
print(type(eg).__mro__)
print(isinstance(eg, Exception), isinstance(eg, BaseExceptionGroup), issubclass(ExceptionGroup, Exception))
print(eg.args)

# the class is chosen from the contents
print(type(BaseExceptionGroup("b", [ValueError()])).__name__)
print(type(BaseExceptionGroup("b", [KeyboardInterrupt()])).__name__)
print(type(BaseExceptionGroup("b", (ValueError(), SystemExit()))).__name__)

# construction errors
for args in [("m", [KeyboardInterrupt()]), ("m", []), ("m", [1]), (1, [ValueError()]), ("m", ValueError()),
             ("m",), ("m", {ValueError()})]:
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)

# split and subgroup by type, tuple of types, or predicate
match, rest = eg.split(ValueError)
print("split ValueError:", repr(match), repr(rest))
match, rest = eg.split((TypeError, KeyError))
print("split (TypeError, KeyError):", repr(match), repr(rest))
print("split Exception:", eg.split(Exception)[0] is eg, eg.split(Exception)[1])
print("split OSError:", eg.split(OSError))
print("subgroup predicate:", repr(eg.subgroup(lambda e: isinstance(e, ValueError) and e.args[0] == 2)))
print("subgroup group predicate:", eg.subgroup(lambda e: isinstance(e, ExceptionGroup) and e.message == "inner") is not None)
for bad in [1, (ValueError, 1), "x"]:
    try:
        eg.split(bad)
    except TypeError as e:
        print("TypeError:", e)

# parts keep the metadata of the group they were split from
try:
    try:
        raise KeyError("ctx")
    except KeyError:
        raise ExceptionGroup("with context", [ValueError(1), TypeError(2)]) from OSError("cause")
except ExceptionGroup as g:
    g.add_note("a note")
    m, r = g.split(ValueError)
    print(repr(m.__cause__), repr(m.__context__), m.__notes__, m.__traceback__ is g.__traceback__)
    print(m.__notes__ is g.__notes__)


# derive is how subclasses keep their type through split
class MyGroup(ExceptionGroup):
    def __new__(cls, message, excs, code=0):
        self = super().__new__(cls, message, excs)
        self.code = code
        return self

    def __init__(self, message, excs, code=0):
        super().__init__(message, excs)

    def derive(self, excs):
        return MyGroup(self.message, excs, self.code)


mg = MyGroup("mine", [ValueError(1), TypeError(2)], code=42)
m, r = mg.split(ValueError)
print(type(m).__name__, m.code, repr(m), type(r).__name__)


class PlainSub(ExceptionGroup):
    pass


m, r = PlainSub("p", [ValueError(1), TypeError(2)]).split(TypeError)
print(type(m).__name__, type(r).__name__)

# read-only attributes, notes
try:
    eg.message = "x"
except AttributeError as e:
    print("AttributeError:", e)
eg.add_note("first")
eg.add_note("second")
print(eg.__notes__)
try:
    eg.add_note(1)
except TypeError as e:
    print("TypeError:", e)

# catching groups with plain except
try:
    raise ExceptionGroup("g", [ValueError(1)])
except Exception as e:
    print("plain except caught", type(e).__name__, e.exceptions)
