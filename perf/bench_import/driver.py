# Import-benchmark driver: `driver.py DIR` imports DIR/chaipy_bigmod.py and
# prints its checksum.  The runner times this (cold: no __pycache__, warm:
# cache written by a previous run).  Core language + sys only.
import sys

sys.path.insert(0, sys.argv[1])
import chaipy_bigmod

print(chaipy_bigmod.checksum())
