# Import-benchmark driver: `driver.py DIR` imports DIR/chaipy_bigmod.py and
# prints its checksum.  The runner times this (cold: no __pycache__, warm:
# cache written by a previous run), and also reads the time of the import
# statement alone, which the driver writes to stderr.  Core language + sys + time only.
import sys
import time

sys.path.insert(0, sys.argv[1])
t0 = time.perf_counter()
import chaipy_bigmod
t1 = time.perf_counter()

print(chaipy_bigmod.checksum())
sys.stderr.write("import seconds: %.6f\n" % (t1 - t0))
