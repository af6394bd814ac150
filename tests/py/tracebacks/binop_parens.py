# Parenthesised operands and two-character operators.
a = 7
b = 0
print(a // 2)
result = (a + 1) // (b * 3) + 1
