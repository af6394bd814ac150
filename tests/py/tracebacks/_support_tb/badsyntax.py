# Helper module with a syntax error, imported by tracebacks/import_syntax_error.py.
def f(x):
    return x +* 2
