# NameError where the best candidate differs only by case.
Value = 10
print(value)
