# sudoku: a constraint-propagation sudoku solver (Norvig's method, our own rendition): squares
# and units as strings, candidate values as strings in a dict, elimination and assignment
# recursing through each other, search by fewest candidates with dict copies.
# quick-arg: 1
import sys

DIGITS = "123456789"
ROWS = "ABCDEFGHI"
COLS = DIGITS


def cross(a, b):
    return [x + y for x in a for y in b]


SQUARES = cross(ROWS, COLS)
UNITLIST = ([cross(ROWS, c) for c in COLS] + [cross(r, COLS) for r in ROWS]
            + [cross(rs, cs) for rs in ("ABC", "DEF", "GHI") for cs in ("123", "456", "789")])
UNITS = dict((s, [u for u in UNITLIST if s in u]) for s in SQUARES)
PEERS = dict((s, set(sum(UNITS[s], [])) - {s}) for s in SQUARES)


def assign(values, s, d):
    other = values[s].replace(d, "")
    for d2 in other:
        if not eliminate(values, s, d2):
            return False
    return values


def eliminate(values, s, d):
    if d not in values[s]:
        return values
    values[s] = values[s].replace(d, "")
    if len(values[s]) == 0:
        return False
    if len(values[s]) == 1:
        d2 = values[s]
        for s2 in PEERS[s]:
            if not eliminate(values, s2, d2):
                return False
    for u in UNITS[s]:
        places = [s2 for s2 in u if d in values[s2]]
        if len(places) == 0:
            return False
        if len(places) == 1:
            if not assign(values, places[0], d):
                return False
    return values


def parse(grid):
    values = dict((s, DIGITS) for s in SQUARES)
    for s, d in zip(SQUARES, grid):
        if d in DIGITS and not assign(values, s, d):
            return False
    return values


def search(values, stats):
    if values is False:
        return False
    stats[0] += 1
    if all(len(values[s]) == 1 for s in SQUARES):
        return values
    n, s = min((len(values[s]), s) for s in SQUARES if len(values[s]) > 1)
    for d in values[s]:
        result = search(assign(values.copy(), s, d), stats)
        if result:
            return result
    return False


PUZZLES = [
    "4.....8.5.3..........7......2.....6.....8.4......1.......6.3.7.5..2.....1.4......",
    "52...6.........7.13...........4..8..6......5...........418.........3..2...87.....",
    "6.....8.3.4.7.................5.4.7.3..2.....1.6.......2.....5.....8.6......1....",
    "48.3............71.2.......7.5....6....2..8.............1.76...3.....4......5....",
    "....14....3....2...7..........9...3.6.1.............8.2.....1.4....5.6.....7.8...",
    "003020600900305001001806400008102900700000008006708200002609500800203009005010300",
    "200080300060070084030500209000105408000000000402706000301007040720040060004010003",
]


def main(rounds):
    checksum = 0
    for r in range(rounds):
        for p in PUZZLES:
            stats = [0]
            sol = search(parse(p), stats)
            line = "".join(sol[s] for s in SQUARES)
            h = 0
            for ch in line:
                h = (h * 10 + ord(ch) - 48) % 1000003
            checksum = (checksum * 7 + h + stats[0]) % 1000003
            if r == 0:
                print(line[:27], stats[0])
    print("checksum", checksum)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
