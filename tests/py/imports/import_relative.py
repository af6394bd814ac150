# Relative imports inside packages, and their errors.
import _support_rel.pkg as pkg
print(pkg.twice(21), pkg.helpers.WHO, pkg.TOP)
import _support_rel.pkg.inner as inner
print(inner.PARENT_TOP, inner.WHO)
print(inner.leaf.SAME, inner.leaf.PKG, inner.leaf._pkgname)
print(pkg.inner is inner, pkg.inner.leaf.__name__)

try:
    import _support_rel.pkg.inner.beyond
except ImportError as e:
    print(type(e).__name__, e)

try:
    from . import something
except ImportError as e:
    print(type(e).__name__, e)

try:
    from .x import y
except ImportError as e:
    print(type(e).__name__, e)

print(__package__, __name__)
