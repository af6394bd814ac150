# list(x), l.extend(x) and l += x with x a list or tuple subclass overriding __iter__: the
# override decides the items (only exact lists and tuples are copied directly).
class LyingTuple(tuple):
    def __iter__(self):
        yield 1


class LyingList(list):
    def __iter__(self):
        yield 1


class Plain(list):
    pass


print(list(LyingTuple((2,))), list(LyingList([2])), list(Plain([3, 4])))
l = [0]
l.extend(LyingTuple((5, 6)))
l.extend(LyingList([7]))
l += LyingList([8, 9])
l.extend(l)
print(l, tuple(LyingList([2])), sorted(LyingTuple((3, 2))))

