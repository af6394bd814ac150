print(isinstance(1, int), isinstance(1.0, int), isinstance(True, int), isinstance('s', (int, str)))
print(isinstance([], list), isinstance((), tuple), isinstance({}, dict), isinstance(None, object), isinstance(int, object))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, (str, int)), issubclass(list, object))
print(issubclass(ValueError, Exception), issubclass(KeyError, (IndexError, LookupError)))
try:
    isinstance(1, 2)
except TypeError as e:
    print('TypeError', e)
try:
    issubclass(1, int)
except TypeError as e:
    print('TypeError', e)
