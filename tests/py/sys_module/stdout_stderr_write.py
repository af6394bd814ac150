import sys
n = sys.stdout.write('hello ')
sys.stdout.write('world\n')
print(n)
sys.stderr.write('error line 1\n')
sys.stdout.write('%d + %d = %d\n' % (2, 3, 5))
sys.stdout.flush()
sys.stderr.write('final error line\n')
print('after', file=sys.stdout)
