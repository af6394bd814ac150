import sys
print(hasattr(sys.stdout, 'write'), hasattr(sys.stderr, 'write'), hasattr(sys.stdin, 'readline'))
old = sys.stdout
class Upper:
    def write(self, s):
        return old.write(s.upper())
    def flush(self):
        old.flush()
sys.stdout = Upper()
print('shouting now', 42)
sys.stdout = old
print('back to normal')
print(sys.stdout is old, sys.__stdout__ is not None if hasattr(sys, '__stdout__') else True)
