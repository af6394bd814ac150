import sys
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, -sys.maxsize - 1)
print(sys.version_info[0] == 3, sys.version_info >= (3,), type(sys.version_info[1]).__name__)
print(sys.maxsize + 1, type(sys.maxsize + 1).__name__)
print(isinstance(sys.platform, str))
