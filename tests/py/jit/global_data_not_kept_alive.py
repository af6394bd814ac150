# A hot loop reading a global container or instance must not keep it alive once the program
# drops it: traces name code and scalars as constants, and read data from the namespace.
import gc
import _weakref


class Box:
    pass


def fill(n):
    for i in range(n):
        box.items.append(i * 2)


def add(n):
    for i in range(n):
        table[i] = table.get(i, 0) + i


box = Box()
box.items = []
fill(3000)
print(sum(box.items))
probe = _weakref.ref(box)
box = None
gc.collect()
print("instance dropped:", probe() is None)

table = {}
add(3000)
add(3000)
print(sum(table.values()))
holder = Box()
holder.table = table
probe2 = _weakref.ref(holder)
holder = table = None
gc.collect()
print("dict dropped:", probe2() is None)
