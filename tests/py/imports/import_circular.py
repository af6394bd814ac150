# Circular imports see the partially initialised module.
import sys
import _support_circ.a as a
print("main: a.LATE =", a.LATE, "b.FROM_A =", a.b.FROM_A)
print(sys.modules["_support_circ.b"] is a.b)

def strip_path(msg):
    # The message ends with " (/path/to/file.py)"; keep everything before it.
    i = msg.rfind(" (")
    return msg[:i] if msg.endswith(".py)") else msg

try:
    import _support_circ.c
except ImportError as e:
    print(type(e).__name__, strip_path(str(e)))
    print("name attr:", e.name)
print("_support_circ.c" in sys.modules, "_support_circ.d" in sys.modules)
