# Built-in methods called with the wrong self, arity or keywords: CPython's TypeError.
def attempt(label, f):
    try:
        print(label, "->", f())
    except TypeError as e:
        print(label, "-> TypeError:", e)

attempt("list.append(1, 2)", lambda: list.append(1, 2))
attempt("getattr(list, 'append')(1, 2)", lambda: getattr(list, "append")(1, 2))
attempt("list.append()", lambda: list.append())
attempt("[].append(x=1)", lambda: [].append(x=1))
attempt("[].append()", lambda: [].append())
attempt("[].append(1, 2)", lambda: [].append(1, 2))
attempt("str.upper(3)", lambda: str.upper(3))
attempt("str.upper()", lambda: str.upper())
attempt("dict.keys([])", lambda: dict.keys([]))
attempt("list.clear(1)", lambda: [].clear(1))
attempt("int.bit_length(True)", lambda: int.bit_length(True))
attempt("list.append([], 1)", lambda: list.append([], 1))
m = [].append
attempt("bound append(1, 2)", lambda: m(1, 2))
[] = []
() = ()
[a, *b] = [1]
print("unpack", a, b)
