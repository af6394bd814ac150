# The gc module: enable/disable, collect, callbacks, thresholds, referents.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(gc.collect(), gc.collect(0), gc.collect(generation=2))
try:
    gc.collect(3)
except ValueError as e:
    print("ValueError", e)

phases = []
cb = lambda phase, info: phases.append((phase, info["generation"]))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
gc.collect()
print(phases)

old = gc.get_threshold()
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(*old)
print(len(gc.get_threshold()), len(gc.get_count()))
print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked([]))
x = ["one", "two", (3,)]
print(sorted(map(repr, gc.get_referents(x))))
print(gc.garbage, gc.get_freeze_count())
gc.freeze()
gc.unfreeze()
print(gc.DEBUG_LEAK, gc.DEBUG_SAVEALL)


# Many cycles are reclaimed without growing.
class Cyc:
    def __init__(self):
        self.me = self


for _ in range(20000):
    Cyc()
gc.collect()
print("done")
