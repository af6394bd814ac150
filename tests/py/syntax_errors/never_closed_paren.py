print("start")
print("hello"
x = 1
