# importlib.util.cache_from_source / source_from_cache (tag-independent checks).
import importlib.util
import importlib
from importlib.util import cache_from_source, source_from_cache

p = cache_from_source("/a/b/foo.py")
print(p.startswith("/a/b/__pycache__/foo."), p.endswith(".pyc"), p.count("."))
print(source_from_cache(p))
print(source_from_cache(cache_from_source("pkg/__init__.py")))
print(cache_from_source("foo.py").startswith("__pycache__/foo."))
for bad in ["/a/b/foo.pyc", "/a/__pycache__/foo.pyc", "/a/__pycache__/a.b.c.d.pyc"]:
    try:
        source_from_cache(bad)
    except ValueError as e:
        print("ValueError:", e)
print(type(importlib.util.MAGIC_NUMBER).__name__, len(importlib.util.MAGIC_NUMBER),
      importlib.util.MAGIC_NUMBER[2:])
print(importlib.util is __import__("importlib.util", fromlist=["x"]))
