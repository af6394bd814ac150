# A tiny round-robin event loop: tasks are coroutines, `await sleep(n)` suspends for n ticks,
# `await gather(...)` waits for child tasks. Shows interleaving, results and error propagation.

class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks

    def __await__(self):
        yield ("sleep", self.ticks)


def sleep(ticks):
    return Sleep(ticks)


class Task:
    def __init__(self, coro, name):
        self.coro = coro
        self.name = name
        self.done = False
        self.result = None
        self.error = None
        self.waiters = []


class Join:
    def __init__(self, tasks):
        self.tasks = tasks

    def __await__(self):
        yield ("join", self.tasks)
        results = []
        for t in self.tasks:
            if t.error is not None:
                raise t.error
            results.append(t.result)
        return results


class Loop:
    def __init__(self):
        self.now = 0
        self.ready = []      # (wake time, seq, task, value)
        self.seq = 0
        self.log = []

    def spawn(self, coro, name):
        t = Task(coro, name)
        self.schedule(t, 0)
        return t

    def schedule(self, task, delay, value=None):
        self.seq += 1
        self.ready.append((self.now + delay, self.seq, task, value))

    def run(self):
        while self.ready:
            self.ready.sort(key=lambda e: (e[0], e[1]))
            when, _, task, value = self.ready.pop(0)
            self.now = max(self.now, when)
            try:
                req = task.coro.send(value)
            except StopIteration as e:
                task.done, task.result = True, e.value
                self.log.append((self.now, task.name, "done", e.value))
                for w in task.waiters:
                    self.wake(w)
                continue
            except Exception as e:
                task.done, task.error = True, e
                self.log.append((self.now, task.name, "error", repr(e)))
                for w in task.waiters:
                    self.wake(w)
                continue
            kind, arg = req
            if kind == "sleep":
                self.schedule(task, arg)
            else:
                task.pending = [t for t in arg if not t.done]
                if not task.pending:
                    self.schedule(task, 0)
                for t in task.pending:
                    t.waiters.append(task)

    def wake(self, waiter):
        waiter.pending = [t for t in waiter.pending if not t.done]
        if not waiter.pending:
            self.schedule(waiter, 0)


loop = Loop()


async def worker(name, n, delay):
    total = 0
    for i in range(n):
        await sleep(delay)
        total += i
        loop.log.append((loop.now, name, "step", i))
    return total


async def failing():
    await sleep(2)
    raise ValueError("worker failed")


async def main():
    a = loop.spawn(worker("a", 3, 2), "a")
    b = loop.spawn(worker("b", 2, 3), "b")
    results = await Join([a, b])
    loop.log.append((loop.now, "main", "gathered", results))
    f = loop.spawn(failing(), "f")
    try:
        await Join([f])
    except ValueError as e:
        loop.log.append((loop.now, "main", "caught", str(e)))
    return sum(results)


m = loop.spawn(main(), "main")
loop.run()
for entry in loop.log:
    print(entry)
print("main result", m.result)
