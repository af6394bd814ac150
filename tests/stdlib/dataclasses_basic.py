# dataclasses: fields, defaults, ordering, frozen, asdict, replace, post_init.
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError
from typing import List

@dataclass
class Item:
    name: str
    price: float = 0.0
    tags: List[str] = field(default_factory=list)

i = Item("pen", 1.5)
print(i, i == Item("pen", 1.5), asdict(i), astuple(i))
print([f.name for f in fields(Item)], replace(i, price=2.0))

@dataclass(order=True, frozen=True)
class P:
    x: int
    y: int = 0

print(sorted([P(2, 1), P(1, 5), P(1, 2)]), hash(P(1, 2)) == hash(P(1, 2)))
try:
    P(1).x = 5
except FrozenInstanceError as e:
    print("frozen:", e)

@dataclass
class R:
    w: int
    h: int
    area: int = field(init=False)
    def __post_init__(self):
        self.area = self.w * self.h
print(R(3, 4), R(3, 4).area)
