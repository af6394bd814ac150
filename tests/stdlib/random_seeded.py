# random: seed(42) then random / randint / choice / shuffle / gauss / sample give python3's numbers.
import random

random.seed(42)
print(random.random(), random.randint(1, 100), random.choice("abcdef"))
lst = list(range(10))
random.shuffle(lst)
print(lst, random.gauss(0, 1), random.sample(range(100), 5), random.uniform(1, 2))
r = random.Random(7)
print(r.random(), r.randrange(0, 100, 5), r.choices("xyz", k=5))
