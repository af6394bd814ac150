# warnings (caught), traceback formatting, argparse parsing.
import warnings, traceback, argparse, sys

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.warn("careful", UserWarning)
    warnings.warn("old", DeprecationWarning)
print([(str(x.message), x.category.__name__) for x in w])

def inner():
    raise ValueError("boom")
try:
    inner()
except ValueError:
    lines = traceback.format_exc().splitlines()
    print(lines[0], lines[-1])
    print(traceback.format_exception_only(*sys.exc_info()[:2]))

p = argparse.ArgumentParser(prog="tool", description="demo")
p.add_argument("files", nargs="*")
p.add_argument("-n", "--num", type=int, default=1)
p.add_argument("-v", "--verbose", action="store_true")
args = p.parse_args(["a.txt", "b.txt", "-n", "5", "-v"])
print(args.files, args.num, args.verbose, vars(args))
print(p.format_usage().strip())
