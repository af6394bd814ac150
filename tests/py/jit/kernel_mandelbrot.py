# Numeric kernel: a small Mandelbrot set (float arithmetic, nested loops with an early break in
# the innermost loop); prints the ASCII picture and an iteration checksum.
W, H, MAXIT = 48, 20, 60
total = 0
rows = []
for py in range(H):
    y0 = (py / H) * 2.4 - 1.2
    row = []
    for px in range(W):
        x0 = (px / W) * 3.5 - 2.5
        x = y = 0.0
        it = 0
        while it < MAXIT:
            x2 = x * x
            y2 = y * y
            if x2 + y2 > 4.0:
                break
            y = 2.0 * x * y + y0
            x = x2 - y2 + x0
            it += 1
        total += it
        row.append("#" if it == MAXIT else " .:-=+*%@"[it % 9])
    rows.append("".join(row))
for r in rows:
    print(r)
print("iterations", total)

# The same with complex numbers.
ctotal = 0
for py in range(10):
    for px in range(24):
        c = complex(px / 24 * 3.5 - 2.5, py / 10 * 2.4 - 1.2)
        z = 0j
        n = 0
        while abs(z) <= 2.0 and n < 40:
            z = z * z + c
            n += 1
        ctotal += n
print("complex", ctotal)
