# A backslash continuation at the very end of the file.
print(1)
x = 1 + \