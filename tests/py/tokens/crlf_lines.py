x = 1
if x:
    print("crlf line endings")
    print(x + 1)
