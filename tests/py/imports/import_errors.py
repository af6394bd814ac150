# ModuleNotFoundError / ImportError / errors raised by imported modules.
import sys

def show(e):
    msg = str(e)
    i = msg.rfind(" (")
    if msg.endswith(".py)"):
        msg = msg[:i] + " (<path>)"
    print(type(e).__name__ + ":", msg)

def t1(): import no_such_module_xyz
def t2(): import no_such_pkg_xyz.sub
def t3(): import _support_err.notpkg.sub
def t4(): from _support_err.notpkg import missing_name
def t5(): from _support_err import no_such_submodule
def t6(): import _support_err.no_such_mod
for t in [t1, t2, t3, t4, t5, t6]:
    try:
        t()
    except ImportError as e:
        show(e)
        print("  name =", e.name, "isinstance ModuleNotFoundError:", isinstance(e, ModuleNotFoundError))

try:
    import no_such_module_xyz
except ModuleNotFoundError as e:
    print("caught as ModuleNotFoundError:", e.name)

# An exception while importing propagates and the module is not left in sys.modules.
for attempt in range(2):
    try:
        import _support_err.raises
    except ValueError as e:
        print("ValueError:", e, "| in sys.modules:", "_support_err.raises" in sys.modules)

# Syntax errors in imported modules.
for name in ["_support_err.bad_syntax", "_support_err.bad_indent"]:
    try:
        __import__(name)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset, repr(e.text), e.filename.rsplit("/", 1)[-1])

# None in sys.modules blocks an import.
sys.modules["blocked_mod"] = None
try:
    import blocked_mod
except ImportError as e:
    print(type(e).__name__, e)

try:
    __import__("")
except ValueError as e:
    print("ValueError:", e)
