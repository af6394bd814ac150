print("a: start")
EARLY = "early-a"
import _support_circ.b as b
print("a: after importing b; b.FROM_A =", b.FROM_A)
LATE = "late-a"
print("a: end")
