# mandelbrot: escape-time iteration over a grid (pure float loop).
# quick-arg: 60
import sys


def mandel(w, h, max_iter):
    total = 0
    inside = 0
    for py in range(h):
        ci = 2.0 * py / h - 1.0
        for px in range(w):
            cr = 2.5 * px / w - 2.0
            zr = 0.0
            zi = 0.0
            it = 0
            while it < max_iter:
                zr2 = zr * zr
                zi2 = zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2.0 * zr * zi + ci
                zr = zr2 - zi2 + cr
                it += 1
            if it == max_iter:
                inside += 1
            total += it
    return total, inside


def main(size):
    total, inside = mandel(size, size, 100)
    print(total, inside)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 760)
