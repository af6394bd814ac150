# deque against a list model: a long deterministic sequence of mixed operations (both ends,
# rotate, insert/remove/index, slicing-free indexing, maxlen trimming) checked step by step
from _collections import deque

state = 12345


def rnd(n):
    global state
    state = (state * 1103515245 + 12345) % 2147483648
    return state % n


for maxlen in (None, 1, 7, 64):
    d = deque(maxlen=maxlen)
    model = []

    def trim_left():
        while maxlen is not None and len(model) > maxlen:
            model.pop(0)

    def trim_right():
        while maxlen is not None and len(model) > maxlen:
            model.pop()

    mismatches = 0
    for step in range(4000):
        op = rnd(12)
        v = rnd(1000)
        if op == 0:
            d.append(v); model.append(v); trim_left()
        elif op == 1:
            d.appendleft(v); model.insert(0, v); trim_right()
        elif op == 2 and model:
            assert d.pop() == model.pop()
        elif op == 3 and model:
            assert d.popleft() == model.pop(0)
        elif op == 4:
            n = rnd(9) - 4
            d.rotate(n)
            if model:
                k = n % len(model)
                model[:] = model[-k:] + model[:-k] if k else model
        elif op == 5 and model:
            i = rnd(len(model) * 2) - len(model)
            assert d[i] == model[i]
            d[i] = v
            model[i] = v
        elif op == 6 and model:
            i = rnd(len(model))
            del d[i]
            del model[i]
        elif op == 7 and (maxlen is None or len(model) < maxlen):
            i = rnd(len(model) + 3) - 1
            d.insert(i, v)
            model.insert(i, v)
        elif op == 8 and model:
            x = model[rnd(len(model))]
            assert d.index(x) == model.index(x)
            d.remove(x)
            model.remove(x)
        elif op == 9:
            items = [rnd(50) for _ in range(rnd(5))]
            d.extend(items); model.extend(items); trim_left()
        elif op == 10:
            items = [rnd(50) for _ in range(rnd(5))]
            d.extendleft(items)
            for it in items:
                model.insert(0, it)
            trim_right()
        elif op == 11:
            assert d.count(v % 50) == model.count(v % 50)
        if list(d) != model or len(d) != len(model):
            mismatches += 1
    print(maxlen, len(d), mismatches, list(d)[:8], list(reversed(d))[:3], d == deque(model), sum(d))
