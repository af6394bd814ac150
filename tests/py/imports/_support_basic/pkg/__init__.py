print("pkg/__init__ running, __name__ =", __name__, "__package__ =", __package__)
VALUE = "pkg-value"
