import sys
class Capture:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        pass
    def __enter__(self):
        self.old = sys.stdout
        sys.stdout = self
        return self
    def __exit__(self, *a):
        sys.stdout = self.old
with Capture() as c:
    print('captured line', 1)
    print('second', end='!')
print('captured:', repr(''.join(c.parts)))
