def run(program, trace=False):
    stack, pc, out, steps = [], 0, [], 0
    labels = {}
    for i, ins in enumerate(program):
        if ins[0] == 'label':
            labels[ins[1]] = i
    env = {}
    while pc < len(program):
        op = program[pc]
        steps += 1
        name = op[0]
        if name == 'push':
            stack.append(op[1])
        elif name == 'load':
            stack.append(env[op[1]])
        elif name == 'store':
            env[op[1]] = stack.pop()
        elif name in ('add', 'sub', 'mul', 'mod', 'lt'):
            b, a = stack.pop(), stack.pop()
            stack.append({'add': a + b, 'sub': a - b, 'mul': a * b, 'mod': a % b if b else 0, 'lt': int(a < b)}[name])
        elif name == 'jz':
            if stack.pop() == 0:
                pc = labels[op[1]]
                continue
        elif name == 'jmp':
            pc = labels[op[1]]
            continue
        elif name == 'print':
            out.append(stack.pop())
        pc += 1
    return out, steps, env
fact = [('push', 1), ('store', 'acc'), ('push', 1), ('store', 'i'),
        ('label', 'loop'), ('load', 'i'), ('push', 21), ('lt',), ('jz', 'end'),
        ('load', 'acc'), ('load', 'i'), ('mul',), ('store', 'acc'),
        ('load', 'i'), ('push', 1), ('add',), ('store', 'i'), ('load', 'acc'), ('print',), ('jmp', 'loop'),
        ('label', 'end')]
out, steps, env = run(fact)
print(out[-1], len(out), steps, sorted(env.items()))
collatz = [('push', 27), ('store', 'n'), ('push', 0), ('store', 'k'),
           ('label', 'top'), ('push', 1), ('load', 'n'), ('lt',), ('jz', 'done'),
           ('load', 'k'), ('push', 1), ('add',), ('store', 'k'),
           ('load', 'n'), ('push', 2), ('mod',), ('jz', 'even'),
           ('load', 'n'), ('push', 3), ('mul',), ('push', 1), ('add',), ('store', 'n'), ('jmp', 'top'),
           ('label', 'even'), ('push', 0), ('store', 'half'), ('label', 'h'), ('load', 'half'), ('push', 2), ('mul',),
           ('load', 'n'), ('lt',), ('jz', 'hd'), ('load', 'half'), ('push', 1), ('add',), ('store', 'half'), ('jmp', 'h'),
           ('label', 'hd'), ('load', 'half'), ('store', 'n'), ('jmp', 'top'), ('label', 'done'), ('load', 'k'), ('print',)]
out, steps, env = run(collatz)
print(out, steps)
