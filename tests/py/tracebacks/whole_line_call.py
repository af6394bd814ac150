# A call that is the whole line: no caret line for that frame.
def fail():
    raise ValueError("bad value")


def run():
    fail()


print("running")
run()
