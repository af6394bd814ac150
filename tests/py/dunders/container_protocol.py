class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = [0] * (w * h)
    def __len__(self):
        return self.w * self.h
    def __getitem__(self, pos):
        r, c = pos
        if not (0 <= r < self.h and 0 <= c < self.w):
            raise IndexError('cell out of range')
        return self.cells[r * self.w + c]
    def __setitem__(self, pos, v):
        r, c = pos
        self.cells[r * self.w + c] = v
    def __contains__(self, v):
        return v in self.cells
g = Grid(3, 2)
g[1, 2] = 7
g[0, 0] = 1
print(len(g), g[1, 2], g[0, 0], 7 in g, 9 in g)
try:
    g[5, 5]
except IndexError as e:
    print('IndexError', e)
class Seq:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError
        return i * i
print(list(Seq()), 9 in Seq(), 10 in Seq())
for v in Seq():
    print(v, end=' ')
print()
