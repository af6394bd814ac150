log = []
class R:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        log.append('open ' + self.n)
        return self.n
    def __exit__(self, *a):
        log.append('close ' + self.n)
with R('a') as a, R('b') as b:
    log.append('using ' + a + b)
print(log)
log.clear()
with R('x') as x:
    with R('y') as y:
        log.append('inner')
print(log)
log.clear()
try:
    with R('p'), R('q'):
        raise RuntimeError('boom')
except RuntimeError as e:
    log.append('caught ' + str(e))
print(log)
