def read_lines():
    text = 'alpha 3\nbeta 7\n# comment\ngamma 12\n\ndelta x\nepsilon 5'
    for line in text.split('\n'):
        yield line
def non_empty(lines):
    for l in lines:
        if l.strip() and not l.startswith('#'):
            yield l
def parse(lines):
    for l in lines:
        name, _, val = l.partition(' ')
        try:
            yield name, int(val)
        except ValueError:
            print('skip bad line', repr(l))
def running_total(pairs):
    total = 0
    for name, v in pairs:
        total += v
        yield name, v, total
for row in running_total(parse(non_empty(read_lines()))):
    print(row)
