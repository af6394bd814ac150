# atexit: handlers run at exit, newest first, with their arguments; unregister; errors reported.
import atexit


def bye(who, punct="!"):
    print("bye", who + punct)


def never():
    print("never printed")


atexit.register(bye, "first")
atexit.register(bye, "second", punct="?")
atexit.register(never)
atexit.unregister(never)


@atexit.register
def decorated():
    print("decorated handler")


print(atexit._ncallbacks() >= 3)
print("main done")
