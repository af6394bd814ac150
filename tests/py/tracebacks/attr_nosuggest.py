# AttributeError on a builtin type with no close candidate.
n = 5
print(n.real)
n.definitely_not_there
