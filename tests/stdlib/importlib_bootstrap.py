# importlib's pure-Python parts over chaipy's import system: _bootstrap / _bootstrap_external and
# the machinery/util names re-exported from them, specs of built-in modules, SourceFileLoader and
# py_compile writing a bytecode cache that the ordinary import then uses, _warnings and marshal.
import importlib
import importlib._bootstrap
import importlib._bootstrap_external
import importlib.machinery
import importlib.util
import marshal
import os
import py_compile
import sys
import tempfile
import warnings
import _warnings

print(importlib.machinery.FileFinder.__name__, importlib.machinery.SourceFileLoader.__name__,
      importlib.machinery.ModuleSpec.__name__, importlib.machinery.BuiltinImporter.__name__)
print(importlib.util.module_from_spec.__name__, importlib.util.spec_from_file_location.__name__)
try:
    importlib.machinery.NoSuchThing
except AttributeError as e:
    print("AttributeError", e)
print(importlib.util.MAGIC_NUMBER == importlib._bootstrap_external.MAGIC_NUMBER)

for name in ("sys", "_thread"):
    spec = sys.modules[name].__spec__
    print(spec.name, spec.origin, spec.loader.__name__, spec.has_location)
print(importlib._bootstrap._thread.__name__, importlib._bootstrap._weakref.__name__,
      importlib._bootstrap._warnings.__name__)

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "modx.py")
    with open(path, "w") as f:
        f.write("X = 6 * 7\ndef f(a, b=2):\n    return a + b\n")
    spec = importlib.util.spec_from_file_location("modx", path)
    print(spec.name, os.path.basename(spec.origin), type(spec.loader).__name__)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    print(m.X, m.f(1), m.__name__, os.path.basename(m.__file__))
    cached = importlib.util.cache_from_source(path)
    print(os.path.basename(os.path.dirname(cached)))
    if os.path.exists(cached):  # written unless sys.dont_write_bytecode
        os.remove(cached)
    out = py_compile.compile(path, doraise=True)
    print(out == cached, os.path.exists(cached))
    sys.path.insert(0, d)
    import modx
    print(modx.X, modx.f(10, 5), modx.__cached__ == cached)
    sys.path.pop(0)
    bad = os.path.join(d, "bad.py")
    with open(bad, "w") as f:
        f.write("def (:\n")
    try:
        py_compile.compile(bad, doraise=True)
    except py_compile.PyCompileError as e:
        print("PyCompileError", e.exc_type_name)

code = compile("y = [i * i for i in range(5)]\n", "<m>", "exec")
again = marshal.loads(marshal.dumps(code))
ns = {}
exec(again, ns)
print(ns["y"], again.co_filename, marshal.version)
for bad in (b"", b"\x00garbage"):
    try:
        marshal.loads(bad)
    except (EOFError, ValueError) as e:
        print(type(e).__name__)
try:
    marshal.dumps(code, "4")
except TypeError as e:
    print("TypeError", e)

def caller():
    _warnings.warn("from _warnings", UserWarning, stacklevel=2)

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    caller()
    _warnings.warn("plain")
    _warnings.warn_explicit("explicit", DeprecationWarning, "file.py", 12)
for x in w:
    print(x.category.__name__, x.message, os.path.basename(x.filename), x.lineno)
try:
    _warnings.warn()
except TypeError as e:
    print("TypeError")
