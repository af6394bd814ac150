import sys
sys.stdout.write('written\n')
sys.stderr.write('to stderr\n')
sys.exit(0)
