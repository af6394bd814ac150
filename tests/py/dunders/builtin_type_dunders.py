# Dunders of built-in types looked up on the type: a base's slot wrapper comes before the metatype's
# methods (dict.__or__ is dict's, not type.__or__), and only the types with in-place operators
# of their own (list, bytearray, dict, set) have __iadd__ / __ior__ / ...
print(dict.__or__({1: 2}, {3: 4}), dict.__ror__({1: 2}, {3: 4}))
d = {1: 2}
print(dict.__ior__(d, {5: 6}), d)
print(set.__or__({1}, {2}), int.__or__(1, 2), set.__ior__({1}, {3}), set.__isub__({1, 2}, {2}))
l = [1]
print(list.__iadd__(l, (2, 3)), l, list.__imul__([1, 2], 2), bytearray.__iadd__(bytearray(b"a"), b"b"))
class D(dict):
    pass
print(D.__or__(D(a=1), {"b": 2}), dict.__or__({}, 1))
class C:
    pass
print(C.__or__(int), int | None)
for t, name in ((int, "__iadd__"), (tuple, "__iadd__"), (frozenset, "__ior__"), (str, "__imul__"), (dict, "__iand__")):
    print(t.__name__, name, hasattr(t, name), hasattr(t(), name))
print(hasattr([], "__iadd__"), hasattr({}, "__ior__"), hasattr(set(), "__ixor__"))
