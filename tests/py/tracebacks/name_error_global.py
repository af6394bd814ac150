# NameError in a function suggesting a module global.
configuration = {"debug": True}


def load():
    return configuraton["debug"]


print(load())
