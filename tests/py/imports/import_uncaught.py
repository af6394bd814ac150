# An exception raised while importing a module, left uncaught: traceback, exit status 1.
print("before")
import _support_err.raises
print("not reached")
