# A source file with a byte that is not UTF-8 and no encoding declaration.
s = "aÿb"
print(len(s))
