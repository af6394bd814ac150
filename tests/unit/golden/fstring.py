def f(name, width, value):
    return f"{name!r:>{width}} = {value=} {{literal}} {value:.3f}"
