# sys.path manipulation, namespace packages, sys.path[0] is the script directory.
import sys
print(sys.path[0].rsplit("/", 1)[-1])
try:
    import hidden_mod
except ImportError as e:
    print(type(e).__name__, e)
sys.path.insert(0, "_support_path/extra")
import hidden_mod
print(hidden_mod.WHERE, hidden_mod.__file__.rsplit("/", 2)[-2:])
sys.path.remove("_support_path/extra")
import hidden_mod as again
print(again is hidden_mod)
del sys.modules["hidden_mod"]
try:
    import hidden_mod
except ImportError as e:
    print(type(e).__name__, e)

# A directory without __init__.py is a namespace package.
sys.path.append("_support_path/ns")
import nspkg.part
print(nspkg.part.PART, nspkg.__file__, len(list(nspkg.__path__)))
from nspkg import part
print(part is nspkg.part)
