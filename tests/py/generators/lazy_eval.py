log = []
def numbers():
    for i in range(5):
        log.append('produce %d' % i)
        yield i
g = (x * 10 for x in numbers())
log.append('genexp created')
first = next(g)
log.append('took first %d' % first)
rest = list(g)
print(log)
print(first, rest)
def gen_with_default(seq=[]):
    seq.append(len(seq))
    yield from seq
print(list(gen_with_default()), list(gen_with_default()))
x = 10
lazy = (x + i for i in range(3))
x = 100
print(list(lazy))
