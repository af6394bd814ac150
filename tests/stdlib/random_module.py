# random.py over _random: python3's exact sequences for many seeds and every common method.
import random

def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

for seed in [0, 1, 42, 12345, -7, 2**70, 3.5, "abc", b"xyz", bytearray(b"q"), "héllo"]:
    random.seed(seed)
    print(repr(seed), random.random(), random.randint(1, 100), random.randrange(0, 1000, 7), random.getrandbits(40))
random.seed(2024)
show("random", lambda: [random.random() for i in range(5)])
show("uniform", lambda: [random.uniform(-3, 3) for i in range(3)])
show("randint", lambda: [random.randint(-10, 10) for i in range(10)])
show("randrange", lambda: [random.randrange(100), random.randrange(5, 50), random.randrange(50, 5, -3), random.randrange(2**80)])
show("choice", lambda: [random.choice("abcdefg") for i in range(8)])
lst = list(range(20))
random.shuffle(lst)
show("shuffle", lambda: lst)
show("sample", lambda: (random.sample(range(100), 5), random.sample(["a", "b", "c", "d"], k=4), random.sample(range(10), counts=[2] * 10, k=4)))
show("choices", lambda: (random.choices("abc", k=6), random.choices(range(5), weights=[5, 1, 1, 1, 10], k=6), random.choices("xy", cum_weights=[1, 10], k=5)))
show("gauss", lambda: [random.gauss(0, 1) for i in range(4)])
show("normalvariate", lambda: [random.normalvariate(10, 2) for i in range(3)])
show("lognormvariate", lambda: random.lognormvariate(0, 1))
show("expovariate", lambda: random.expovariate(1.5))
show("vonmisesvariate", lambda: random.vonmisesvariate(1.0, 2.0))
show("gammavariate", lambda: [random.gammavariate(0.5, 1), random.gammavariate(1.0, 2), random.gammavariate(3.0, 1)])
show("betavariate", lambda: random.betavariate(2, 5))
show("paretovariate", lambda: random.paretovariate(3))
show("weibullvariate", lambda: random.weibullvariate(1, 1.5))
show("triangular", lambda: (random.triangular(), random.triangular(0, 10, 7)))
show("randbytes", lambda: random.randbytes(10))
r = random.Random(99)
state = r.getstate()
a = [r.random() for i in range(3)]
r.setstate(state)
show("state", lambda: (a == [r.random() for i in range(3)], state[0], len(state[1]), state[2]))
r2 = random.Random()
r2.seed(99)
show("Random(99) == seed(99)", lambda: r2.random() == random.Random(99).random())
class MyRandom(random.Random):
    def random(self):
        return 0.5
show("subclass", lambda: (MyRandom(1).randrange(10), MyRandom(1).choice("abc")))
show("empty choice", lambda: random.choice([]))
show("bad randrange", lambda: random.randrange(5, 5))
show("sample too big", lambda: random.sample(range(3), 5))
show("bad seed", lambda: random.seed([1, 2]))
