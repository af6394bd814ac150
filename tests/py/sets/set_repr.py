print(set(), frozenset(), {1}, frozenset({1}), {(1, 2)}, {None}, {True}, {1.5})
print(repr(set()), str({0}), set([]), set(()))
print({1, 1.0, True}, {0, False, 0.0})
