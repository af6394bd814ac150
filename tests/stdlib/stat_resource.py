# _stat (stat.py's native half) and resource: mode tests, filemode, constants, rlimits, rusage.
import _stat
import resource

for mode in [0o100644, 0o40755, 0o120777, 0o104755, 0o41777, 0o20620, 0o60660, 0o10600, 0o140755, 0o102000, 0]:
    print(oct(mode), _stat.filemode(mode), _stat.S_IFMT(mode), oct(_stat.S_IMODE(mode)),
          [f for f in ["S_ISDIR", "S_ISREG", "S_ISLNK", "S_ISCHR", "S_ISBLK", "S_ISFIFO", "S_ISSOCK", "S_ISDOOR"]
           if getattr(_stat, f)(mode)])
print(_stat.S_IFDIR, _stat.S_IRWXU, _stat.S_ENFMT, _stat.UF_HIDDEN, _stat.SF_SNAPSHOT, _stat.ST_MTIME, _stat.S_IFWHT)
for bad in ["x", -1, 1.5]:
    try:
        _stat.S_ISDIR(bad)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
print(type(soft).__name__, soft <= hard or hard == resource.RLIM_INFINITY, resource.RLIM_INFINITY)
resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
print(resource.getrlimit(resource.RLIMIT_NOFILE) == (soft, hard))
u = resource.getrusage(resource.RUSAGE_SELF)
print(type(u).__name__, len(u), type(u.ru_utime).__name__, u.ru_maxrss > 0, resource.getpagesize() > 0)
for f, a in [(resource.getrlimit, (999,)), (resource.getrusage, (99,)), (resource.setrlimit, (0, (1, 2, 3)))]:
    try:
        f(*a)
    except ValueError as e:
        print("ValueError", e)
