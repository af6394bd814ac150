print("pkg.mod running, __name__ =", __name__, "__package__ =", __package__)
def hello():
    return "hello from " + __name__
