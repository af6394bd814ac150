# An uncaught exception group prints CPython's tree: "+ Exception Group Traceback", one
# "+---------------- n ----------------" section per sub-exception, "| " margins when nested.
def fail(n):
    raise ValueError(n)


def collect():
    errors = []
    for i in range(2):
        try:
            fail(i)
        except ValueError as e:
            errors.append(e)
    inner = []
    try:
        raise KeyError("deep")
    except KeyError as e:
        e.add_note("a note on the deep error")
        inner.append(e)
    errors.append(ExceptionGroup("inner group", inner + [TypeError("plain")]))
    raise ExceptionGroup("several failures", errors)


collect()
