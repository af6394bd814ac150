# AttributeError on a built-in type's method name typo.
lst = [1, 2]
lst.append(3)
lst.apend(4)
