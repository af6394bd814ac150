# A subscript with wide characters inside the brackets.
x = {"日": 1}
print(x["日"])
y = x["本本"] + 1
