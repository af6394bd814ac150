print("b: start")
import _support_circ.a as a_mod
FROM_A = a_mod.EARLY
try:
    print(a_mod.LATE)
except AttributeError as e:
    print("b: AttributeError")  # message: see import_is_initializing
print("b: end")
