# A class dies in the same collection as its instances; new classes (and other objects of a
# class's size) are allocated before every dead instance has been finalized. The dead class's
# memory must stay intact until then (the instances are finalized through it).
total = 0
for rnd in range(40):
    class Int(int):
        pass

    class Plain:
        __slots__ = ("a", "b")

    objs = [Int(i) for i in range(3000)]
    for o in objs:
        o.pair = (int(o), rnd)
    plain = [Plain() for _ in range(2000)]
    total += sum(o.pair[0] for o in objs) + len(plain)
    del objs, plain, Int, Plain
    made = [type("T%d" % i, (object,), {"x": i}) for i in range(300)]
    total += sum(t.x for t in made)
print(total)
