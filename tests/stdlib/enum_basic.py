# enum: Enum, IntEnum, Flag, auto, lookup by value and name, iteration.
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

print(Color.RED, repr(Color.GREEN), Color(3), Color["RED"], list(Color))
print(Color.RED.name, Color.RED.value, Color.RED is Color(1), len(Color), Color.BLUE in Color)

class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.TWO + 1, Num.ONE < Num.TWO, sorted([Num.TWO, Num.ONE]))

class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = Perm.R | Perm.W
print(rw, Perm.R in rw, Perm.X in rw, [p.name for p in Perm], Perm(3))

class Auto(Enum):
    A = auto()
    B = auto()
print([m.value for m in Auto])
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)

@unique
class U(Enum):
    A = 1
    B = 2
print(U.A)
