# A SyntaxError in an imported module, left uncaught.
print("before")
import _support_err.bad_syntax
