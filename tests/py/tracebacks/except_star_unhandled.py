# The part of a group no except* clause handles propagates with the original traceback.
def work():
    raise ExceptionGroup("work", [ValueError(1), TypeError(2), OSError(3)])


try:
    work()
except* ValueError:
    print("handled the ValueError")
except* OSError:
    raise RuntimeError("replacement")
