# Helper module for tracebacks/imported_module.py.
def _scale(x, d):
    return x * 2 / d


def safe_div(a, b):
    return _scale(a, b) + 1
