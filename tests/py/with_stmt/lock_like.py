class Lock:
    def __init__(self):
        self.held = False
        self.count = 0
    def __enter__(self):
        if self.held:
            raise RuntimeError('already held')
        self.held = True
        self.count += 1
        return self
    def __exit__(self, *exc):
        self.held = False
lock = Lock()
for i in range(5):
    with lock:
        print(i, lock.held)
print(lock.held, lock.count)
try:
    with lock:
        with lock:
            pass
except RuntimeError as e:
    print('RuntimeError', e, lock.held)
