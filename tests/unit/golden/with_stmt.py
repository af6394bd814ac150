def f(path):
    with open(path) as fh, lock:
        data = fh.read()
    for x in data:
        with ctx():
            if x:
                break
    return data
