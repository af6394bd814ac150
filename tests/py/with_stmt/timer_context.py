import time
class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self
    def __exit__(self, *a):
        self.elapsed = time.perf_counter() - self.start
with Timer() as t:
    s = sum(range(100000))
print(s, t.elapsed >= 0, type(t.elapsed).__name__)
