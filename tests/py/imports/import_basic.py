# import m / import a.b.c / import as / from-import / module identity and attributes.
import sys

import _support_basic.counter
import _support_basic.counter as c2
from _support_basic import counter as c3
from _support_basic.counter import bump

print(_support_basic.counter is c2 is c3)
print(bump(), c2.bump(), c3.count)
print("sys.modules has counter:", "_support_basic.counter" in sys.modules)

# import a.b.c binds the top-level package; the intermediate packages become attributes.
import _support_basic.pkg.sub.deep
print(_support_basic.pkg.sub.deep.ANSWER)
print(_support_basic.pkg.VALUE, type(_support_basic.pkg).__name__)
print(repr(_support_basic.pkg.sub.deep.Thing()))

import _support_basic.pkg.sub.deep as deep
print(deep.ANSWER, deep is sys.modules["_support_basic.pkg.sub.deep"])

from _support_basic.pkg.sub import deep as deep2
from _support_basic.pkg import mod
print(deep2 is deep, mod.hello())

# Module attributes.
print(mod.__name__, mod.__package__, _support_basic.pkg.__package__)
print(mod.__file__.rsplit("/", 1)[-1], _support_basic.pkg.__file__.rsplit("/", 2)[-2:])
print(type(_support_basic.pkg.__path__).__name__, len(_support_basic.pkg.__path__),
      _support_basic.pkg.__path__[0].rsplit("/", 1)[-1])
print(hasattr(mod, "__path__"), mod.__doc__)
print(sorted(k for k in vars(mod) if not k.startswith("__")))

# Importing again does not re-run the module.
import _support_basic.counter
import _support_basic.pkg.mod
print("count is still", _support_basic.counter.count)

# Function-level imports bind locals.
def f():
    import _support_basic.pkg.sub.deep as d
    from _support_basic.pkg.sub.deep import ANSWER
    return d.ANSWER + ANSWER
print(f())
print(__name__)

# __import__ and importlib.import_module.
m = __import__("_support_basic.pkg.mod")
print(m.__name__)
m = __import__("_support_basic.pkg.mod", fromlist=["hello"])
print(m.__name__)
import importlib
print(importlib.import_module("_support_basic.pkg.sub.deep").ANSWER)
print(importlib.import_module(".mod", "_support_basic.pkg").__name__)
print(importlib.import_module("..counter", "_support_basic.pkg").__name__)
try:
    importlib.import_module(".mod")
except TypeError as e:
    print("TypeError:", e)
