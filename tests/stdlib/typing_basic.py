# typing: annotations, generics, TypeVar, Protocol, get_type_hints, NamedTuple, TypedDict, Optional/Union reprs.
from typing import (List, Dict, Optional, Union, TypeVar, Generic, Protocol, NamedTuple, TypedDict,
                    Callable, Any, get_type_hints, get_origin, get_args, cast)

T = TypeVar("T")

class Box(Generic[T]):
    def __init__(self, v: T) -> None:
        self.v = v
    def get(self) -> T:
        return self.v

print(Box[int](3).get(), List[int], Dict[str, int], Optional[int], Union[int, str])
print(get_origin(List[int]), get_args(Dict[str, int]), Callable[[int], str])

def f(a: int, b: "str" = "x") -> List[int]:
    return [a]
print(f(1))

class Emp(NamedTuple):
    name: str
    id: int = 3
print(Emp("a"), Emp._fields, Emp("b", 5).id)

class Movie(TypedDict):
    title: str
    year: int
m: Movie = {"title": "x", "year": 1999}
print(m, Movie.__annotations__)

class Closer(Protocol):
    def close(self) -> None: ...
print(cast(int, "x"), list[int], int | None, Any)
