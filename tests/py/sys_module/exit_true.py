import sys
print('exit with True -> status 1')
sys.exit(True)
