# A comment at the top
x = 1  # trailing comment
# comment between statements
    # indented comment (allowed anywhere)
y = 2
if x:
    # comment inside block
    print("x is", x)  # another
        # deeper comment
    print("y is", y)
s = "# not a comment"
print(s)
print('#' * 3)  # hash in string
#last comment without newline
