import sys
print('exit with None -> status 0')
sys.exit(None)
