# NameError with a suggestion from the builtins.
for i in range(2):
    print(i)
pritn("done")
