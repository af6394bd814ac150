# go: a small Go player (our own rendition of the classic benchmark's shape): a 9x9 board of
# Square objects with neighbour lists, groups merged through union-find as stones are placed,
# captures, a ko rule, random playouts from a hand-written LCG and a one-ply move choice by
# playout statistics. Many small objects, method calls from several sites, list scans.
# quick-arg: 1
import sys

SIZE = 9
EMPTY, WHITE, BLACK = 0, 1, 2
KOMI = 7.5


class Rng:
    def __init__(self, seed):
        self.s = seed

    def next(self, n):
        self.s = (self.s * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.s >> 12) % n


class Square:
    def __init__(self, board, pos):
        self.board = board
        self.pos = pos
        self.color = EMPTY
        self.neighbours = []
        self.parent = self
        self.libs = 0      # pseudo-liberties of the group, valid at the root

    def find(self):
        sq = self
        while sq.parent is not sq:
            sq.parent = sq.parent.parent
            sq = sq.parent
        return sq

    def place(self, color):
        self.color = color
        self.parent = self
        self.libs = 0
        for nb in self.neighbours:
            if nb.color == EMPTY:
                self.libs += 1
        for nb in self.neighbours:
            if nb.color != EMPTY:
                root = nb.find()
                root.libs -= 1
                if nb.color == color and root is not self.find():
                    me = self.find()
                    root.parent = me
                    me.libs += root.libs

    def remove_group(self, color, removed):
        stack = [self]
        self.color = EMPTY
        while stack:
            sq = stack.pop()
            removed.append(sq)
            for nb in sq.neighbours:
                if nb.color == color:
                    nb.color = EMPTY
                    stack.append(nb)


class Board:
    def __init__(self):
        self.squares = [Square(self, pos) for pos in range(SIZE * SIZE)]
        for sq in self.squares:
            x, y = sq.pos % SIZE, sq.pos // SIZE
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                nx, ny = x + dx, y + dy
                if 0 <= nx < SIZE and 0 <= ny < SIZE:
                    sq.neighbours.append(self.squares[nx + ny * SIZE])
        self.reset()

    def reset(self):
        for sq in self.squares:
            sq.color = EMPTY
            sq.parent = sq
            sq.libs = 0
        self.empties = list(range(SIZE * SIZE))
        self.color = BLACK
        self.ko = -1
        self.passes = 0
        self.moves = 0

    def recount(self):
        # recompute pseudo-liberties of every group (after captures)
        for sq in self.squares:
            sq.parent = sq
            sq.libs = 0
        for sq in self.squares:
            if sq.color != EMPTY:
                for nb in sq.neighbours:
                    if nb.color == sq.color:
                        a = sq.find()
                        b = nb.find()
                        if a is not b:
                            b.parent = a
        for sq in self.squares:
            if sq.color != EMPTY:
                root = sq.find()
                for nb in sq.neighbours:
                    if nb.color == EMPTY:
                        root.libs += 1

    def legal(self, pos):
        sq = self.squares[pos]
        if sq.color != EMPTY or pos == self.ko:
            return False
        for nb in sq.neighbours:
            if nb.color == EMPTY:
                return True
        other = WHITE if self.color == BLACK else BLACK
        for nb in sq.neighbours:
            root = nb.find()
            if nb.color == self.color and root.libs > 1:
                return True
            if nb.color == other and root.libs == 1:
                return True
        return False

    def useful(self, pos):
        # do not fill own eyes
        sq = self.squares[pos]
        for nb in sq.neighbours:
            if nb.color != self.color:
                return True
        return False

    def move(self, pos):
        if pos < 0:
            self.passes += 1
            self.ko = -1
        else:
            self.passes = 0
            sq = self.squares[pos]
            sq.place(self.color)
            self.empties.remove(pos)
            other = WHITE if self.color == BLACK else BLACK
            removed = []
            for nb in sq.neighbours:
                if nb.color == other and nb.find().libs == 0:
                    nb.remove_group(other, removed)
            if removed:
                for r in removed:
                    self.empties.append(r.pos)
                self.recount()
            self.ko = removed[0].pos if len(removed) == 1 else -1
        self.color = WHITE if self.color == BLACK else BLACK
        self.moves += 1

    def random_move(self, rng):
        n = len(self.empties)
        if n == 0:
            return -1
        i = rng.next(n)
        for k in range(n):
            pos = self.empties[(i + k) % n]
            if self.legal(pos) and self.useful(pos):
                return pos
        return -1

    def score(self, color):
        count = KOMI if color == WHITE else 0.0
        for sq in self.squares:
            if sq.color == color:
                count += 1
            elif sq.color == EMPTY:
                mine = 0
                for nb in sq.neighbours:
                    if nb.color == color:
                        mine += 1
                if mine == len(sq.neighbours):
                    count += 1
        return count

    def playout(self, rng, limit):
        while self.passes < 2 and self.moves < limit:
            self.move(self.random_move(rng))

    def history(self):
        return [sq.color for sq in self.squares]

    def replay(self, colors, color):
        self.reset()
        for pos, c in enumerate(colors):
            if c != EMPTY:
                self.squares[pos].color = c
                self.empties.remove(pos)
        self.color = color
        self.recount()


def best_move(board, rng, playouts):
    start = board.history()
    color = board.color
    wins = {}
    tries = {}
    for _ in range(playouts):
        first = board.random_move(rng)
        board.move(first)
        board.playout(rng, 200)
        won = board.score(color) > board.score(WHITE if color == BLACK else BLACK)
        tries[first] = tries.get(first, 0) + 1
        if won:
            wins[first] = wins.get(first, 0) + 1
        board.replay(start, color)
    best = -1
    best_rate = -1.0
    for pos in sorted(tries):
        rate = wins.get(pos, 0) / tries[pos]
        if rate > best_rate:
            best, best_rate = pos, rate
    return best


def main(games):
    rng = Rng(3)
    checksum = 0
    board = Board()
    for g in range(games):
        board.reset()
        for turn in range(12):
            pos = best_move(board, rng, 25)
            board.move(pos)
        board.playout(rng, 300)
        b, w = board.score(BLACK), board.score(WHITE)
        checksum = (checksum * 7 + int(b * 2) * 101 + int(w * 2) + board.moves) % 1000003
        print(g, board.moves, b, w, checksum)
    print("checksum", checksum)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
