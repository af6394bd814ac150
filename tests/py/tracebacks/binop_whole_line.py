# A binary operation spanning the whole line still gets anchors.
x = 0
print("before")
1 / x
