import sys
try:
    sys.exit(4)
except SystemExit as e:
    print('caught', type(e).__name__, e.code, e.args)
try:
    sys.exit('text')
except SystemExit as e:
    print('caught', repr(e.code))
try:
    sys.exit()
except SystemExit as e:
    print('caught', e.code)
print(issubclass(SystemExit, Exception), issubclass(SystemExit, BaseException))
try:
    sys.exit(1)
except Exception:
    print('not caught by Exception')
except BaseException:
    print('caught by BaseException')
sys.exit(0)
