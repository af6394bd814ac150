print('{} {}'.format('a', 'b'), '{1} {0}'.format('a', 'b'), '{0}{0}'.format('x'))
print('{name}={val}'.format(name='k', val=3), '{0[1]}'.format([5, 6]), '{d[k]}'.format(d={'k': 'v'}))
print('{:>8}|{:<8}|{:^8}|{:*^9}|'.format('r', 'l', 'c', 'mid'))
print('{:5d}|{:<5d}|{:05d}|{:+d}|{: d}'.format(7, 7, -7, 7, 7))
print('{:.2f} {:8.3f} {:e} {:.1%} {:g}'.format(3.14159, 2.0, 1234.5, 0.256, 0.00001))
print('{:x} {:X} {:o} {:b} {:#x} {:#b} {:08b}'.format(255, 255, 8, 5, 255, 5, 5))
print('{:,} {:_} {:,.2f} {:_x}'.format(1234567, 1234567, 1234567.891, 0xdeadbeef))
print('{!r} {!s} {!r:>6}'.format('s', 's', 'x'))
print('{{literal}} {}'.format(1))
class P:
    def __init__(self): self.x = 1; self.y = 2
print('{0.x},{0.y}'.format(P()))
print('{:{w}.{p}f}'.format(3.14159, w=10, p=3))
