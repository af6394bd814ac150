# Hot loops reading a global container or instance must not keep it alive once the program drops
# it: traces name code and scalars as constants and read data from the namespace. Each of twenty
# rounds compiles fresh functions (so fresh traces), binds a new object to the globals, runs the
# hot loops over it, drops it and collects; traces that named each round's objects as constants
# would keep all twenty. (The collector scans the native stack conservatively, so a stray
# survivor is allowed.)
import gc
import _weakref


class Box:
    pass


SOURCE = """
def fill(n):
    for i in range(n):
        box.items.append(i * 2)


def add(n):
    for i in range(n):
        table[i] = table.get(i, 0) + i
"""

probes = []
total = 0
for round in range(20):
    exec(compile(SOURCE, "<round %d>" % round, "exec"))
    box = Box()
    box.items = []
    table = {}
    fill(500)
    add(500)
    total += sum(box.items) + sum(table.values())
    box.table = table
    probes.append(_weakref.ref(box))
    box = table = None
    gc.collect()
print(total)
survivors = sum(p() is not None for p in probes)
print("at most one survivor:", survivors <= 1)
