# examples/demo.py — a small numeric demo: Mandelbrot set membership over a grid, in ASCII.
def mandel(cr, ci, limit):
    zr = zi = 0.0
    for i in range(limit):
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        if zr * zr + zi * zi > 4.0:
            return i
    return limit

rows = []
for y in range(24):
    line = ""
    for x in range(64):
        n = mandel(-2.2 + x * 3.0 / 64, -1.2 + y * 2.4 / 24, 200)
        line += " .:-=+*#%@"[min(9, n // 20)] if n < 200 else "@"
    rows.append(line)
print("\n".join(rows))
total = 0
for y in range(200):
    for x in range(200):
        total += mandel(-2.0 + x * 2.5 / 200, -1.25 + y * 2.5 / 200, 100)
print("checksum", total)
