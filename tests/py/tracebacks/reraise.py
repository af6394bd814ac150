# A bare raise re-raises with the original traceback plus the re-raising frame.
def f():
    raise KeyError("a")


try:
    f()
except KeyError:
    print("caught, re-raising")
    raise
