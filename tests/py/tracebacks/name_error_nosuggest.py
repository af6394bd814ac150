# NameError with no close candidate: no suggestion.
x = 1
print(x)
print(completely_unknown_identifier)
