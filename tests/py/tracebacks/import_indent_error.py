# Importing a module with an IndentationError.
import sys
sys.path.insert(0, "_support_tb")
import badindent
