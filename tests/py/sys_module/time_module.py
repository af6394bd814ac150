import time
t1 = time.time()
m1 = time.monotonic()
p1 = time.perf_counter()
s = 0
for i in range(100000):
    s += i
t2 = time.time()
m2 = time.monotonic()
p2 = time.perf_counter()
print(s)
print(type(t1).__name__, type(m1).__name__, type(p1).__name__)
print(t2 >= t1, m2 >= m1, p2 >= p1, t1 > 1.6e9)
time.sleep(0.01)
print(time.monotonic() - m1 >= 0.01)
print(isinstance(time.time_ns(), int) if hasattr(time, 'time_ns') else True)
