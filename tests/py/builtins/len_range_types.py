print(len('abc'), len([1, 2]), len((1,)), len({1: 2}), len({1, 2, 3}), len(range(10)), len(''), len(b'xy'), len(frozenset()))
print(type(1).__name__, type(1.0).__name__, type('').__name__, type([]).__name__, type(()).__name__, type({}).__name__,
      type(set()).__name__, type(None).__name__, type(range(1)).__name__, type(type).__name__,
      type(lambda: 0).__name__, type(b'').__name__, type(frozenset()).__name__, type(slice(1)).__name__)
print(int, float, str, list, tuple, dict, set, bool, type, object, range, frozenset)
print(type(int('5')) is int, type(3) == int, type(True) is bool)
