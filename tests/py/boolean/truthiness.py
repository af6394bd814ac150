class Empty: pass
class WithLen:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
class WithBool:
    def __init__(self, b): self.b = b
    def __bool__(self): return self.b
vals = [0, 1, -1, 0.0, -0.0, 0.1, float('nan'), '', ' ', '0', [], [0], (), (None,), {}, {0: 0}, set(), {0},
        frozenset(), None, True, False, range(0), range(1), 10 ** 100, Empty(), WithLen(0), WithLen(3),
        WithBool(False), WithBool(True), b'', b'\x00']
print([bool(v) for v in vals])
for v in vals:
    if v:
        print('T', end='')
    else:
        print('F', end='')
print()
print(bool(), bool(int), bool(print))
