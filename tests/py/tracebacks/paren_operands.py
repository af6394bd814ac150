# A closing parenthesis right before the operator: the anchor moves past it.
a = 1
b = 0
z = (a)/(b)
