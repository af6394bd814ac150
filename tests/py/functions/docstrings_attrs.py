def f(a, b=2, *args, c=3, **kw):
    """Docstring of f."""
    local = a + b
    return local
print(f.__doc__, f.__name__, f.__qualname__)
print(f.__defaults__, f.__kwdefaults__)
def g():
    def inner():
        pass
    return inner
print(g().__qualname__, g().__name__)
class C:
    def m(self):
        "method doc"
print(C.m.__qualname__, C.m.__doc__)
