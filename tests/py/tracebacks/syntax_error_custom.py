# A SyntaxError built by hand is printed with its location lines.
print("custom")
raise SyntaxError("custom message", ("file.py", 3, 5, "  some text here\n", 3, 9))
