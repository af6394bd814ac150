# Imported by several test modules: must run exactly once per process.
print("counter: executing", __name__)
count = 0
def bump():
    global count
    count += 1
    return count
