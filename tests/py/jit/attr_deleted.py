# Attributes deleted mid-loop: an instance attribute that shadows a class attribute is deleted
# (reads fall back to the class), one that has no fallback raises AttributeError (caught), and
# attributes are re-added afterwards in a different order.
class Node:
    label = "class-label"

    def __init__(self, v):
        self.v = v
        self.label = "inst-%d" % v
        self.w = v * 2


nodes = [Node(i) for i in range(8)]
chk = 0
missing = 0
for i in range(3000):
    n = nodes[i % 8]
    chk += len(n.label)
    try:
        chk += n.w
    except AttributeError:
        missing += 1
    if i == 1100:
        del nodes[3].label             # falls back to Node.label
    if i == 1600:
        del nodes[4].w                 # no fallback: AttributeError from now on
    if i == 2100:
        nodes[4].w = -1000             # re-added (new shape order: v, label, w?)
        del nodes[5].v
        nodes[5].v = 55
    if i % 500 == 0:
        print(i, chk, missing)
print(chk, missing, nodes[3].label, nodes[4].w, sorted(vars(nodes[5])))

# Deleting attributes in a loop, one per iteration, until none are left.
class Many:
    pass


m = Many()
for k in range(60):
    setattr(m, "a%d" % k, k)
total = 0
for i in range(1200):
    name = "a%d" % (i % 60)
    if hasattr(m, name):
        total += getattr(m, name)
        if i >= 600:
            delattr(m, name)
    else:
        total -= 1
print(total, len(vars(m)))

# del on an attribute that was never there.
class E:
    pass


e = E()
msgs = 0
for i in range(1500):
    e.x = i
    if i % 3 == 0:
        del e.x
    try:
        del e.x
    except AttributeError as err:
        msgs += 1
        text = str(err)
print(msgs, text)
