# Helper module with an indentation error, imported by tracebacks/import_indent_error.py.
def f():
    x = 1
      return x
