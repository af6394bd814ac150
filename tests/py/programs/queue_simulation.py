class LCG:
    def __init__(self, seed):
        self.state = seed
    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (2 ** 64)
        return self.state >> 33
    def uniform(self):
        return self.next() / 2 ** 31
    def randint(self, a, b):
        return a + self.next() % (b - a + 1)
rng = LCG(2024)
queue = []
served = []
waits = []
clock = 0
tellers = [None, None]
for tick in range(500):
    if rng.uniform() < 0.45:
        queue.append((tick, rng.randint(1, 6)))
    for i in range(len(tellers)):
        t = tellers[i]
        if t is not None and t[1] <= tick:
            served.append(t[0])
            tellers[i] = None
        if tellers[i] is None and queue:
            arrived, dur = queue.pop(0)
            waits.append(tick - arrived)
            tellers[i] = (arrived, tick + dur)
print('served', len(served), 'still queued', len(queue))
print('avg wait', round(sum(waits) / len(waits), 3), 'max wait', max(waits))
hist = {}
for w in waits:
    b = w // 5 * 5
    hist[b] = hist.get(b, 0) + 1
for b in sorted(hist):
    print('%3d-%3d %s' % (b, b + 4, '#' * (hist[b] // 3)))
print([rng.randint(1, 100) for _ in range(10)])
