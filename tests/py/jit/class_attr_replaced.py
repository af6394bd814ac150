# A class attribute read in a hot loop (through instances and through the class) is replaced
# mid-loop, and later shadowed by an instance attribute on one instance.
class Config:
    scale = 2
    offset = 10


objs = [Config() for _ in range(5)]
total = 0
for i in range(3000):
    c = objs[i % 5]
    total += c.scale * i + Config.offset
    if i == 1200:
        Config.scale = 3              # replaced on the class
    if i == 1800:
        Config.offset = 0.5           # int -> float
    if i == 2300:
        objs[2].scale = -1            # instance attribute shadows the class attribute
    if i % 600 == 0:
        print(i, repr(total))
print(repr(total))

# A class attribute holding a list mutated in place versus rebound.
class Registry:
    items = []


n = 0
for i in range(2500):
    Registry.items.append(i)
    if i == 1300:
        Registry.items = [0]
    n += len(Registry.items)
print(n, len(Registry.items))

# Replacing a class attribute in a base class seen through a subclass.
class Base:
    k = 1


class Derived(Base):
    pass


d = Derived()
acc = 0
for i in range(3000):
    acc += d.k
    if i == 1000:
        Base.k = 5
    if i == 2000:
        Derived.k = 7              # now found on Derived first
    if i == 2500:
        del Derived.k              # back to Base.k
print(acc, d.k)
