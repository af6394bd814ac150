# Non-ASCII text before the failing operation: carets count characters, not bytes.
def greet(name):
    message = "héllo wörld, ünïcode — " + name + 1
    return message


print("café")
greet("zoë")
