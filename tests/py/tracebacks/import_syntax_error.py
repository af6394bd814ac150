# Importing a module that has a syntax error: the SyntaxError is printed in its compile-time form.
import sys
sys.path.insert(0, "_support_tb")
print("importing")
import badsyntax
