# threading: Thread start/join, Lock, Event, current_thread (results, not timing).
import threading

results = []
lock = threading.Lock()

def work(n):
    with lock:
        results.append(n * n)

threads = [threading.Thread(target=work, args=(i,)) for i in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results), threads[0].is_alive())

ev = threading.Event()
print(ev.is_set())
ev.set()
print(ev.is_set(), ev.wait(0.1))
print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
r = threading.RLock()
with r:
    with r:
        print("rlock ok")

class T(threading.Thread):
    def run(self):
        self.value = 99
t = T()
t.start(); t.join()
print(t.value)
