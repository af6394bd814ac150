# from m import * with and without __all__, and from package import * loading submodules.
from _support_star.noall import *
print(public, func(), Klass.__name__)
try:
    _private
except NameError as e:
    print("NameError:", e)

from _support_star.withall import *
print(listed, also)
try:
    unlisted
except NameError as e:
    print("NameError:", e)

from _support_star.spkg import *
print(alpha.NAME, beta.NAME)
try:
    gamma
except NameError as e:
    print("NameError:", e)
import sys
print("_support_star.spkg.gamma" in sys.modules)

def names():
    import _support_star.spkg.gamma
    from _support_star.spkg import gamma as g
    return g.NAME
print(names())
